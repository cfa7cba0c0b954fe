/**
 * Word lists. Everything here is folded: lower case, accents stripped
 * ("mañana" → "manana", "sábado" → "sabado"), apostrophes dropped ("i'm" → "im").
 */

/** Spelling variants and abbreviations, rewritten before any pattern runs. */
export const CANONICAL: Readonly<Record<string, string>> = {
  // tomorrow / today / tonight
  tmrw: 'tomorrow',
  tmr: 'tomorrow',
  tmrrw: 'tomorrow',
  tmrow: 'tomorrow',
  tmmrw: 'tomorrow',
  tmw: 'tomorrow',
  tomoz: 'tomorrow',
  tomorow: 'tomorrow',
  tommorow: 'tomorrow',
  tommorrow: 'tomorrow',
  tomoro: 'tomorrow',
  tomorro: 'tomorrow',
  '2morrow': 'tomorrow',
  '2morow': 'tomorrow',
  '2moro': 'tomorrow',
  '2mrw': 'tomorrow',
  '2mro': 'tomorrow',
  tdy: 'today',
  '2day': 'today',
  tody: 'today',
  tonite: 'tonight',
  '2nite': 'tonight',
  '2night': 'tonight',
  tonigt: 'tonight',
  // weekdays
  mon: 'monday',
  mondays: 'monday',
  tue: 'tuesday',
  tues: 'tuesday',
  tuesdays: 'tuesday',
  wed: 'wednesday',
  weds: 'wednesday',
  wednesdays: 'wednesday',
  wensday: 'wednesday',
  wendsday: 'wednesday',
  thu: 'thursday',
  thur: 'thursday',
  thurs: 'thursday',
  thursdays: 'thursday',
  fri: 'friday',
  fridays: 'friday',
  sat: 'saturday',
  saturdays: 'saturday',
  sun: 'sunday',
  sundays: 'sunday',
  sabados: 'sabado',
  domingos: 'domingo',
  // appointment / booking words
  appt: 'appointment',
  appts: 'appointments',
  apt: 'appointment',
  apts: 'appointments',
  appnt: 'appointment',
  resched: 'reschedule',
  rescheduling: 'reschedule',
  rescheduled: 'reschedule',
  canceling: 'cancel',
  cancelling: 'cancel',
  canceled: 'cancel',
  cancelled: 'cancel',
  cancels: 'cancel',
  cancle: 'cancel',
  cancelation: 'cancellation',
  // courtesy
  pls: 'please',
  plz: 'please',
  plez: 'please',
  pleas: 'please',
  pleaae: 'please',
  thx: 'thanks',
  thnx: 'thanks',
  thnks: 'thanks',
  thanx: 'thanks',
  tnx: 'thanks',
  tks: 'thanks',
  ty: 'thanks',
  tysm: 'thanks',
  tyvm: 'thanks',
  thankyou: 'thanks',
  thanku: 'thanks',
  grax: 'gracias',
  grcs: 'gracias',
  grs: 'gracias',
  // chat shorthand
  u: 'you',
  ur: 'your',
  r: 'are',
  wanna: 'want to',
  gonna: 'going to',
  lemme: 'let me',
  gimme: 'give me',
  k: 'ok',
  kk: 'ok',
  okk: 'ok',
  okey: 'ok',
  okie: 'ok',
  oki: 'ok',
  okay: 'ok',
  okays: 'ok',
  yeh: 'yeah',
  yh: 'yeah',
  q: 'que',
  // Spanish texting writes "qu"/"c" as "k"
  ke: 'que',
  kiero: 'quiero',
  kiere: 'quiere',
  kieres: 'quieres',
  kisiera: 'quisiera',
  kuando: 'cuando',
  kuanto: 'cuanto',
  kancelar: 'cancelar',
  kambiar: 'cambiar',
  xq: 'porque',
  pq: 'porque',
  tb: 'tambien',
  x: 'por',
  hrs: 'hours',
  hr: 'hours',
  min: 'minutes',
  mins: 'minutes',
  oclock: 'oclock',
  oclok: 'oclock',
  asap: 'asap',
  nite: 'night',
  mediodia: 'mediodia',
  noche: 'noche',
  bday: 'birthday',
};

/** Words long enough to recognise with a typo or two ("apointment", "wensday", "mañna"). */
export const FUZZY_TARGETS: readonly string[] = [
  'tomorrow',
  'appointment',
  'appointments',
  'reschedule',
  'cancel',
  'cancelar',
  'cancellation',
  'available',
  'availability',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'lunes',
  'martes',
  'miercoles',
  'jueves',
  'viernes',
  'sabado',
  'domingo',
  'january',
  'february',
  'march',
  'april',
  'august',
  'september',
  'october',
  'november',
  'december',
  'enero',
  'febrero',
  'marzo',
  'abril',
  'junio',
  'julio',
  'agosto',
  'septiembre',
  'octubre',
  'noviembre',
  'diciembre',
  'morning',
  'afternoon',
  'evening',
  'tonight',
  'please',
  'thanks',
  'gracias',
  'schedule',
  'earliest',
  'unsubscribe',
  'representative',
  'weekend',
  'mediodia',
  'manana',
  'semana',
  'proxima',
  'proximo',
  'horario',
  'precio',
  'precios',
  'servicios',
  'services',
  'reservar',
  'cambiar',
  'quarter',
  'minutes',
  'reprogramar',
  'disponible',
  'disponibilidad',
  'necesito',
  'quiero',
  'hello',
  'human',
  'humano',
  'person',
  'persona',
  'perfect',
  'perfecto',
  'actually',
  'instead',
  'tarde',
  'noche',
  'mismo',
  'misma',
];

/**
 * Common words of both languages, in addition to every keyword below. A word
 * listed here is never "corrected" by the typo matcher, and never taken for a
 * name after "this is", "I'm" or "soy".
 */
const COMMON = `
a an the and or but if so as at by for from in into of off on onto out over to up with without about above after
again against all also am any are arent be because been before being below between both can cant could couldnt
did didnt do does doesnt doing dont down during each few further had hadnt has hasnt have havent having he her here
hers herself him himself his how i id ill im ive is isnt it its itself just let lets me more most my myself no nor
not now once only other our ours out own same she should shouldnt some such than that thats their them then there
these they this those through too under until very was wasnt we were what whats when where which while who whom why
will wont would wouldnt you youre your yours yourself
ok okay yes yeah yep yup sure fine good great cool nice perfect awesome thanks thank please sorry hi hello hey
free busy late early running looking interested available here back ready done calling texting writing new old
going trying wondering hoping planning thinking think thinks thought coming leaving still really actually just also
glad happy sad excited confused lost stuck sick ill tired home away outside inside nearby close far there
gonna wanna gotta kinda sorta something anything nothing everything someone anyone everyone nobody somebody
one two three four five six seven eight nine ten eleven twelve first second third last next previous other another
time times day days week weeks month months year years hour hours minute minutes today tomorrow tonight yesterday
morning afternoon evening night noon midnight weekend weekday soon later earlier now asap
appointment appointments booking bookings reservation book booked cancel reschedule change move switch
haircut cut trim shave color colour beard hair style service services price prices cost much many
man woman guy girl boy kid kids son daughter wife husband mom dad friend customer client regular
here there where everywhere test testing fine well bad ok alright right wrong true false
able unable sure unsure certain available unavailable open closed
urgent important quick quickly fast slow
de del la las el los un una unos unas y o pero si no que en con por para sin sobre entre hasta desde hacia
mi mis tu tus su sus me te se nos lo le les yo tu el ella usted ustedes nosotros ellos ellas esto esta este eso esa ese
aqui alli alla ahi ahora luego despues antes pronto tarde temprano hoy manana ayer siempre nunca tambien tampoco
muy mas menos bien mal bueno buena malo mala nuevo nueva cliente clienta hola gracias favor vale claro perfecto
libre ocupado ocupada disponible listo lista tarde cansado cansada enfermo enferma contento contenta seguro segura
quiero quisiera necesito puedo podria tengo tiene tienen hay soy eres es somos son estoy esta estan estamos
todo toda todos todas nada algo alguien nadie cualquiera otro otra otros otras mismo misma primero primera
cita citas reserva turno hora horas dia dias semana semanas mes meses ano anos corte pelo barba afeitado tinte
persona personas senor senora senorita chico chica hijo hija amigo amiga esposa esposo
abris abren abre abrimos abrir cierran cierra cerrais cerramos abierto abiertos abierta cerrado cerrados
cheapest cheaper expensive
`;

const SETS = {
  weekdaysEn: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
  weekdaysEs: ['lunes', 'martes', 'miercoles', 'jueves', 'viernes', 'sabado', 'domingo'],
};

export const WEEKDAY_NUMBER: Readonly<Record<string, number>> = {
  ...Object.fromEntries(SETS.weekdaysEn.map((d, i) => [d, i + 1])),
  ...Object.fromEntries(SETS.weekdaysEs.map((d, i) => [d, i + 1])),
};

// prettier-ignore
export const MONTH_NUMBER: Readonly<Record<string, number>> = {
  january: 1, jan: 1, enero: 1, ene: 1,
  february: 2, feb: 2, febrero: 2,
  march: 3, mar: 3, marzo: 3,
  april: 4, apr: 4, abril: 4, abr: 4,
  may: 5, mayo: 5,
  june: 6, jun: 6, junio: 6,
  july: 7, jul: 7, julio: 7,
  august: 8, aug: 8, agosto: 8, ago: 8,
  september: 9, sept: 9, sep: 9, septiembre: 9, setiembre: 9,
  october: 10, oct: 10, octubre: 10,
  november: 11, nov: 11, noviembre: 11,
  december: 12, dec: 12, diciembre: 12, dic: 12,
};

// prettier-ignore
export const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  una: 1, uno: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10, once: 11, doce: 12,
};

const ORDINAL_UNITS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth'];
const ORDINAL_TEENS = [
  'tenth',
  'eleventh',
  'twelfth',
  'thirteenth',
  'fourteenth',
  'fifteenth',
  'sixteenth',
  'seventeenth',
  'eighteenth',
  'nineteenth',
];

/** "first" … "thirty first" (also "thirty-first"), and Spanish "primero" for the 1st of a month. */
export const DAY_ORDINAL_WORDS: Readonly<Record<string, number>> = (() => {
  const words: Record<string, number> = { primero: 1, twentieth: 20, thirtieth: 30 };
  ORDINAL_UNITS.forEach((w, i) => {
    words[w] = i + 1;
    words[`twenty ${w}`] = 21 + i;
  });
  ORDINAL_TEENS.forEach((w, i) => (words[w] = 10 + i));
  words['thirty first'] = 31;
  return words;
})();

export const KNOWN_WORDS: ReadonlySet<string> = new Set([
  ...COMMON.split(/\s+/).filter(Boolean),
  ...Object.values(CANONICAL).flatMap((v) => v.split(' ')),
  ...FUZZY_TARGETS,
  ...Object.keys(WEEKDAY_NUMBER),
  ...Object.keys(MONTH_NUMBER),
  ...Object.keys(NUMBER_WORDS),
  ...Object.keys(DAY_ORDINAL_WORDS).filter((w) => !w.includes(' ')),
]);

/** Extra signal for language detection; `no`, `a`, `me`, `ok`, `pm` say nothing. */
export const SPANISH_WORDS: ReadonlySet<string> = new Set(
  `hola buenas buenos dias tardes noches quiero quisiera necesito gustaria puedo puede podria pueden podrias cita citas turno
  reservar reserva agendar cancelar cancela cancelo anular cambiar cambio mover reprogramar manana hoy pasado semana proxima
  proximo que viene lunes martes miercoles jueves viernes sabado domingo enero febrero marzo abril mayo junio julio agosto
  septiembre octubre noviembre diciembre las los el la de del con para por favor gracias muchas si claro vale dale perfecto
  bueno bien esta este soy llamo nombre mi mis es son cuanto cuesta cuestan precio precios horario abren cierran abierto
  servicios corte pelo barba afeitado tinte media cuarto menos tarde noche mediodia temprano antes despues pronto posible
  primera segunda tercera ultima ultimo otra otro hora hablar persona humano ayuda donde cuando como tengo tienen hay una
  ninguna nada tambien pero mejor ahora aqui usted ustedes nos sobre hacia alrededor dia fecha en al lo le se mismo misma
  puedes quieres necesitas hacen ofrecen cuales cual quien tipo sale vez lugar sea eso esa ese estoy estas hasta desde
  diciembre llamame pasame baja eres sabes adios chao nuevo nueva cliente luego confirmado confirma confirmo correcto adelante
  venga`
    .split(/\s+/)
    .filter(Boolean),
);

export const ENGLISH_WORDS: ReadonlySet<string> = new Set(
  `hi hello hey the i im id ill ive is are am can could would get book appointment appointments cancel reschedule tomorrow
  today tonight next this that week weekend monday tuesday wednesday thursday friday saturday sunday january february march
  april june july august september october november december my you your do does what when how much price prices open
  hours please thanks yes yeah yep nope sure okay with at around about morning afternoon evening noon instead actually make
  it works work one first second third last option name email and or but for of in on to want need like haircut cut trim
  shave just have any anything available earliest same time human person help there here good great perfect fine cool sorry
  half past quarter ish an be will we they it's its was where which who why did dont cant wont booking thank be me please
  change move earlier later between after before from until still already sounds then soon afternoon tmrw`
    .split(/\s+/)
    .filter(Boolean),
);

/** Name particles allowed inside a multi-word name ("Ana de la Cruz", "Vincent van Gogh"). */
export const NAME_PARTICLES: ReadonlySet<string> = new Set([
  'de',
  'del',
  'la',
  'las',
  'los',
  'van',
  'von',
  'der',
  'da',
  'di',
  'le',
  'du',
  'dos',
  'y',
]);

/** Words that, even right after "my name is", cannot start a name. */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  `a an the and or but if so as at by for from in into of off on to with not no yes is are was were be been am its it
  this that there here my your his her our their me you him us them i we they what when where which who why how
  also just still already very really too de del la las el los un una y o en con por para sin mi tu su es no si que`
    .split(/\s+/)
    .filter(Boolean),
);
