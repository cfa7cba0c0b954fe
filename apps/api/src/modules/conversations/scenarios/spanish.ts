import type { Scenario } from './scenario';

/** The Spanish conversations. */
// prettier-ignore
export const SPANISH_SCENARIOS: Scenario[] = [
  // ---------------- Spanish: bookings in one message ----------------
  {
    name: 'es: todo en un mensaje',
    turns: [{ say: 'Hola, quiero reservar un corte de pelo para el {+2:cccc:es} a las 5 de la tarde. Soy Lucía', state: 'CONFIRMING', reply: '¿' }, 'sí'],
    bookings: [{ service: 'Haircut', at: '{+2} 17:00' }],
    end: { name: 'Lucía', reply: /reservad/i },
  },
  {
    name: 'es: mañana a las 11',
    turns: ['Necesito un afeitado mañana a las 11, soy Javier', 'si'],
    bookings: [{ service: 'Hot Towel Shave', at: '{+1} 11:00' }],
  },
  {
    name: 'es: "3 de diciembre"',
    turns: ['quiero cita para barba el {+4:d \'de\' LLLL:es} a las 10', 'Pedro Gómez', 'vale'],
    bookings: [{ service: 'Beard Trim', at: '{+4} 10:00' }],
    end: { name: 'Pedro Gómez' },
  },
  {
    name: 'es: sobre las 11',
    turns: ['¿Me puedes dar hora para un corte el {+3:cccc:es} sobre las 11? Me llamo Elena', 'sí, perfecto'],
    bookings: [{ service: 'Haircut', at: '{+3} 11:00' }],
  },
  {
    name: 'es: a las 4 y media',
    turns: ['corte el {+2:cccc:es} a las 4 y media, soy Diego', 'sí'],
    bookings: [{ service: 'Haircut', at: '{+2} 16:30' }],
  },
  {
    name: 'es: lo antes posible',
    turns: ['necesito un corte lo antes posible', 'Raúl', 'sí'],
    bookings: [{ service: 'Haircut', at: 'earliest' }],
  },
  {
    name: 'es: con faltas',
    turns: ['kiero una cita para corte mañana alas 4, soy Rosa', 'si porfa'],
    bookings: [{ service: 'Haircut', at: '{+1} 16:00' }],
  },
  {
    name: 'es: corte y barba con Jordan',
    turns: ['Hola! corte y barba con Jordan el {+5:cccc:es} a las 10:30, me llamo Hugo', 'dale'],
    bookings: [{ service: 'Haircut & Beard', at: '{+5} 10:30', staff: 'Jordan' }],
  },
  // ---------------- Spanish: over several turns ----------------
  {
    name: 'es: paso a paso, eligiendo por número',
    turns: [
      'hola',
      { say: 'quiero pedir cita', awaiting: 'service', options: 4 },
      { say: '2', awaiting: 'date' },
      { say: 'el {+2:cccc:es}', awaiting: 'slot_choice' },
      { say: '3', awaiting: 'name' },
      'Me llamo Alba Ruiz',
      'sí',
    ],
    // Services are offered in alphabetical order: Beard Trim, Haircut, Haircut & Beard, Hot Towel Shave.
    bookings: [{ service: 'Haircut', at: '{+2}' }],
    end: { name: 'Alba Ruiz' },
  },
  {
    name: 'es: el 7 por la mañana, la primera',
    turns: [{ say: '¿Tienen hueco el {+5:d} por la mañana para un corte?', awaiting: 'slot_choice' }, 'la primera', 'Andrés', 'sí'],
    bookings: [{ service: 'Haircut', at: '{+5}', between: ['09:00', '12:30'] }],
  },
  {
    name: 'es: por la tarde, la última',
    turns: [{ say: 'quisiera un corte el {+4:cccc:es} por la tarde', awaiting: 'slot_choice' }, 'la última', 'Marta', 'sí'],
    bookings: [{ service: 'Haircut', at: '{+4}', between: ['13:30', '18:00'] }],
  },
  {
    name: 'es: la semana que viene',
    turns: [{ say: '¿tienen algo la semana que viene para barba?', awaiting: 'slot_choice' }, 'la primera', 'Sergio', 'sí'],
    bookings: [{ service: 'Beard Trim', at: '{nextweek}' }],
  },
  {
    name: 'es: servicio, luego fecha y hora',
    turns: [{ say: 'buenas, quiero una cita', awaiting: 'service' }, 'un corte', 'el {+3:cccc:es} a las 12', 'Me llamo Iker', 'sí'],
    bookings: [{ service: 'Haircut', at: '{+3} 12:00' }],
  },
  {
    name: 'es: "por la mañana" acota la oferta, luego una hora',
    turns: [
      { say: 'necesito turno para el {+4:cccc:es}', awaiting: 'service' },
      { say: 'barba', awaiting: 'slot_choice' },
      { say: 'por la mañana', awaiting: 'slot_choice', notReply: /1[3-7]:\d\d/ },
      'a las 10 y cuarto',
      'Fernando',
      'ok',
    ],
    bookings: [{ service: 'Beard Trim', at: '{+4} 10:15' }],
  },
  {
    name: 'es: hora fuera de horario y nombre a mitad',
    turns: [
      { say: 'Buenas tardes, quisiera pedir cita para cortarme el pelo el {+3:cccc:es}', awaiting: 'slot_choice' },
      { say: 'a las 6 de la tarde', reply: /fuera de nuestro horario/ },
      { say: 'Soy Marina', reply: 'Gracias, Marina' },
      'la última',
      'Sí gracias',
    ],
    bookings: [{ service: 'Haircut', at: '{+3}', between: ['17:00', '18:00'] }],
    end: { name: 'Marina' },
  },
  // ---------------- Spanish: changes mid-flow ----------------
  {
    name: 'es: "mejor a las 5"',
    turns: ['corte el {+3:cccc:es} a las 10, soy Ana', { say: 'mejor a las 5', state: 'CONFIRMING' }, 'sí'],
    bookings: [{ service: 'Haircut', at: '{+3} 17:00' }],
  },
  {
    name: 'es: otro día, a la misma hora',
    turns: ['barba el {+2:cccc:es} a las 12, soy Luis', 'mejor el {+4:cccc:es}, a la misma hora', 'sí'],
    bookings: [{ service: 'Beard Trim', at: '{+4} 12:00' }],
  },
  {
    name: 'es: "con Jordan mejor"',
    turns: ['corte {+3:cccc:es} a las 11, soy Pablo', 'con Jordan mejor', 'sí'],
    bookings: [{ service: 'Haircut', at: '{+3} 11:00', staff: 'Jordan' }],
  },
  {
    name: 'es: cambia a afeitado',
    turns: ['corte mañana a las 9:30, soy Tomás', 'mejor un afeitado', 'sí'],
    bookings: [{ service: 'Hot Towel Shave', at: '{+1} 09:30' }],
  },
  // ---------------- Spanish: taken and closed ----------------
  {
    name: 'es: hora ocupada, elige una alternativa',
    given: { taken: ['{+3} 15:00'] },
    turns: [{ say: 'corte el {+3:cccc:es} a las 3, soy Irene', reply: /ocupad/i, options: 3 }, 'la primera', 'sí'],
    bookings: [{ service: 'Haircut', at: '{+3}' }],
  },
  {
    name: 'es: día cerrado, otro día',
    turns: [
      { say: '¿puedo ir el {closed:cccc:es} a las 10 para un corte?', reply: /cerrado/i },
      'vale, entonces el {+7:cccc:es} a las 10',
      'Nuria',
      'sí',
    ],
    bookings: [{ service: 'Haircut', at: '{+7} 10:00' }],
  },
  // ---------------- Spanish: cancel, reschedule, appointments ----------------
  {
    name: 'es: cancelar "mi corte del día 7" entre dos citas',
    given: { mine: [{ service: 'Haircut', at: '{+4} 10:00' }, { service: 'Beard Trim', at: '{+5} 12:00' }] },
    turns: [{ say: 'quiero cancelar mi corte del día {+4:d}', state: 'CANCEL_CONFIRM' }, 'sí'],
    bookings: [
      { service: 'Haircut', at: '{+4} 10:00', status: 'cancelled' },
      { service: 'Beard Trim', at: '{+5} 12:00' },
    ],
  },
  {
    name: 'es: cancelar la única cita, con falta',
    given: { mine: [{ service: 'Haircut', at: '{+3} 16:00' }] },
    turns: [{ say: 'ola, necesito cancelar mi sita', state: 'CANCEL_CONFIRM' }, 'si'],
    bookings: [{ service: 'Haircut', at: '{+3} 16:00', status: 'cancelled' }],
    end: { reply: /cancelad/i },
  },
  {
    name: 'es: cambiar la cita en un mensaje',
    given: { mine: [{ service: 'Haircut', at: '{+3} 10:00' }] },
    turns: [{ say: '¿puedo cambiar mi cita al {+5:cccc:es} a las 12?', state: 'RESCHEDULE_CONFIRM' }, 'sí'],
    bookings: [{ service: 'Haircut', at: '{+5} 12:00' }],
  },
  {
    name: 'es: cambiar la cita en varios pasos',
    given: { mine: [{ service: 'Haircut', at: '{+2} 10:00' }] },
    turns: ['necesito cambiar mi cita', { say: 'el {+4:cccc:es} por la tarde', awaiting: 'slot_choice' }, 'la segunda', 'sí'],
    bookings: [{ service: 'Haircut', at: '{+4}', between: ['13:30', '18:00'] }],
  },
  {
    name: 'es: "¿me la puedes pasar al …?" a la misma hora',
    given: { mine: [{ service: 'Beard Trim', at: '{+2} 11:00' }] },
    turns: [{ say: '¿me la puedes pasar al {+4:cccc:es} a la misma hora?', state: 'RESCHEDULE_CONFIRM' }, 'vale'],
    bookings: [{ service: 'Beard Trim', at: '{+4} 11:00' }],
  },
  {
    name: 'es: "cortarme la barba" es un arreglo de barba',
    turns: ['Quiero una cita para cortarme la barba el {+5:cccc:es} a las 12, me llamo Rubén', 'sí'],
    bookings: [{ service: 'Beard Trim', at: '{+5} 12:00' }],
  },
  {
    name: 'es: ¿cuándo es mi cita?',
    given: { mine: [{ service: 'Beard Trim', at: '{+3} 16:00' }] },
    turns: [{ say: '¿cuándo es mi cita?', reply: "{+3:cccc d 'de' LLLL:es} a las 16:00" }],
    bookings: [{ service: 'Beard Trim', at: '{+3} 16:00' }],
  },
  {
    name: 'es: "cuando tengo la cita" tras cambiarla',
    given: { mine: [{ service: 'Haircut', at: '{+2} 10:00' }] },
    turns: ['quiero cambiar mi corte al {+4:cccc:es} a las 11', 'sí', { say: 'cuando tengo la cita?', reply: "{+4:cccc d 'de' LLLL:es} a las 11:00" }],
    bookings: [{ service: 'Haircut', at: '{+4} 11:00' }],
  },
  // ---------------- Spanish: questions and the rest ----------------
  {
    name: 'es: ¿a qué hora abrís el día cerrado y otro día?',
    turns: [
      { say: '¿A qué hora abrís el {closed:cccc:es}?', reply: /cerrados/ },
      { say: '¿y el {+2:cccc:es}?', reply: /09:00–12:30, 13:30–18:00/ },
    ],
    bookings: [],
  },
  {
    name: 'es: precio del corte',
    turns: [{ say: '¿cuánto cuesta el corte?', reply: /30/ }],
    bookings: [],
  },
  {
    name: 'es: horario',
    turns: [{ say: '¿qué horario tienen?', reply: /09:00.*12:30.*18:00.*cerrado/s }],
    bookings: [],
  },
  {
    name: 'es: hablar con una persona',
    turns: [{ say: 'quiero hablar con una persona', reply: /equipo/i }, { say: '¿hola?', silent: true }],
    bookings: [],
    end: { flagged: true },
  },
  {
    name: 'es: BAJA y ALTA',
    turns: [
      { say: 'BAJA', reply: /baja/i },
      { say: 'hola', silent: true },
      { say: 'ALTA', reply: /suscrit/i },
      'corte el {+2:cccc:es} a las 11, soy Eva',
      'sí',
    ],
    bookings: [{ service: 'Haircut', at: '{+2} 11:00' }],
    end: { optedOut: false },
  },
  {
    name: 'es: pregunta el precio a mitad de reserva',
    turns: [
      { say: 'quiero un afeitado el {+3:cccc:es}', awaiting: 'slot_choice' },
      { say: '¿cuánto cuesta?', reply: /35/, awaiting: 'slot_choice' },
      'la segunda',
      'Mateo',
      'sí',
    ],
    bookings: [{ service: 'Hot Towel Shave', at: '{+3}' }],
  },
];
