import type { Awaiting } from '@frontdesk/contracts';
import type { Intent } from './types';

/**
 * Intent rules over the cleaned text (folded, canonical words: "tmrw" →
 * "tomorrow", "cancle" → "cancel", "i'm" → "im"). The order in `classify` is
 * the precedence; each rule is a phrase list, kept here so a new phrasing is
 * one line and one fixture.
 */

/** Carrier keywords, honoured only as the whole message (US carrier and CTIA practice; "BAJA"/"ALTA" in Spanish). */
const CARRIER_STOP = /^(?:stop|stopall|stop all|unsubscribe|end|quit|revoke|optout|opt out|baja)$/;
const CARRIER_START = /^(?:start|unstop|subscribe|resume|alta)$/;
const CARRIER_HELP = /^(?:help|info|ayuda|information|informacion)$/;

/** An unmistakable request to stop messages, in any sentence ("stop texting me", "deja de escribirme"). */
const STOP_PHRASE =
  /\b(?:stop|quit|cease)\s+(?:texting|messaging|sending|contacting|txting|msging|spamming|writing)\b|\bunsubscribe\b|\bopt\s?-?\s?out\b|\b(?:dont|do not|never)\s+(?:text|message|contact|txt|msg)\s+me\b|\b(?:remove|take) me (?:from|off)\b|\bno more (?:texts|messages)\b|\b(?:deja|dejen|dejad|para|paren|parad) de (?:escribirme|enviarme|mandarme|escribir|mandar|enviar)\b|\bno me (?:escribas|escriban|escribais|envies|envien|envieis|manden|mandes|mandeis|contacten|contactes) mas\b|\bdar(?:me)? de baja\b/;

const HUMAN =
  /\b(?:talk|speak|chat|connect|transfer|put|get|reach|contact)\s+(?:me\s+)?(?:to|with|through to)\s+(?:a\s+|an\s+|the\s+|some\s+|your\s+)?(?:real\s+|actual\s+|live\s+)?(?:human|person|someone|somebody|agent|representative|rep|operator|manager|owner|staff|people|receptionist|employee|team|front desk)\b|\b(?:real|actual|live)\s+(?:person|human|agent|people)\b|\b(?:human|humans|representative|operator|agent)\b|\b(?:are you|r you|is this|am i talking to|am i speaking to|am i speaking with|you are)\s+(?:a\s+|an\s+)?(?:bot|robot|machine|ai|computer|real person)\b|\b(?:call me|give me a call|phone me|ring me)\b|\b(?:anyone|anybody) there\b|\b(?:hablar|habla|hablo|comunicar|comunicarme|pasame|pasar|contactar|atender|atienda)\s+(?:con\s+)?(?:una\s+|un\s+|el\s+|la\s+|alguna\s+|algun\s+)?(?:persona|humano|alguien|agente|encargad[oa]|duen[oa]|recepcion|recepcionista|asesor|empleado|operador|gerente)\b|\b(?:persona real|persona de verdad|un humano|humano|operador|agente)\b|\b(?:eres|es esto|hablo con)\s+(?:un\s+|una\s+)?(?:bot|robot|maquina)\b|\b(?:llamame|llamenme|me (?:pueden|puedes|podrian|podrias) llamar)\b|\bhay alguien\b/;

const DONT_KNOW =
  /^(?:idk|i dont know|dont know|not sure|im not sure|no se|no lo se|ni idea|no estoy segur[oa]|dunno|hmm+|umm*|uh+|eh|mmm+)\W*$/;

const NEGATED_CANCEL =
  /\b(?:dont|do not|no|not|never|nah|no quiero|no lo|no la)\s+(?:want to\s+|wanna\s+|quiero\s+)?(?:cancel|cancelar|cancela|cancelarla|cancelarlo|anular)\b/;
const CANCEL_POLICY = /\b(?:cancellation|cancelacion|cancel)\s+(?:policy|politica|fee|fees)\b|\bpolitica de cancelacion\b/;
const CANCEL =
  /\b(?:cancel|cancelar|cancela|cancelo|cancelalo|cancelala|cancelarla|cancelarlo|cancele|cancelen|cancelemos|cancellation|cancelacion|anular|anula|anulo|anulalo|anulala|anularla|call off|call it off)\b|\b(?:dont|do not|no longer) need (?:the|my|that) (?:appointment|booking)\b|\bno (?:necesito|quiero) (?:la|mi|esa) (?:cita|reserva)\b/;
const CANNOT_COME =
  /\b(?:cant|cannot|can not|wont|will not|unable to|not able to|wont be able to|not gonna)\s+(?:make it|come|come in|go|attend|be there|do (?:it|today|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b|\bno (?:puedo|podre|voy a poder|voy a)\s+(?:ir|asistir|llegar|acudir|el|este|esta|manana|hoy|ese dia)\b/;
const RESCHEDULE_VERB =
  /\b(?:reschedule|rebook|postpone|re schedule|reprogramar|reprograma|reprogramo|reprogramarla|reprogramarlo|reagendar|reagenda|reagendo|reagendarla|aplazar|aplaza|posponer|pospon|pospone|posponerla)\b/;
const MOVE_VERB =
  /\b(?:move|change|switch|push|bump|shift|bring|cambiar|cambia|cambio|cambie|mover|mueve|muevo|moverla|moverlo|cambiarla|cambiarlo|pasar|pasa|pasarla|pasarlo|adelantar|adelanta|atrasar|atrasa|retrasar|retrasa)\b/;
const BOOKING_NOUN = /\b(?:appointment|appointments|booking|bookings|reservation|cita|citas|reserva|turno)\b/;
const ANOTHER_TIME =
  /\b(?:another|different|other|new) (?:time|day|date|slot)\b|\b(?:otro|otra) (?:dia|hora|fecha|horario)\b|\b(?:change|cambiar) (?:the |la |el |de )?(?:time|day|date|hora|dia|fecha)\b/;

const ASK_APPOINTMENT =
  /\b(?:when|what time|what day|which day|what date|cuando|a que hora|que hora|que dia|que fecha)\b.*\b(?:my|mi|mis)\s+(?:\w+\s+)?(?:appointment|appointments|booking|bookings|reservation|cita|citas|reserva|turno)\b|\b(?:when am i|what time am i|am i)\s+(?:booked|scheduled|coming in|down for)\b|\bdo i (?:have|still have) (?:an?|any)\s+(?:\w+\s+)?(?:appointment|booking|reservation)s?\b|\btengo (?:una\s+|alguna\s+)?(?:cita|reserva|turno)\b|\b(?:check|confirm|see|view|look up|show me|details of|remind me of)\s+(?:on\s+)?my\s+(?:appointment|booking|reservation)s?\b|\b(?:is|are) my (?:appointment|booking)s?\s+(?:still\s+)?(?:on|confirmed|booked|set)\b|\bwhat did i book\b|\bcuando me toca\b|\b(?:confirmar|ver|revisar|consultar) (?:mi|mis) (?:cita|citas|reserva)\b|\b(?:mi cita|my appointment)\s*\?|\bsigue en pie\b|\b(?:when|what time|what day|which day|cuando|a que hora|que dia)\s+(?:is|s|es|era|sera)\s+(?:my|mi|la)\b|\bwhens my\b|\b(?:a que hora|que dia|cuando)\s+(?:\w+\s+)?(?:tengo|es|era)\s+(?:la|mi)\s+(?:cita|reserva|turno)\b|\bwhat (?:time|day) do i have my\b|\bcuando (?:tengo|me toca)\b|\b(?:what|which) (?:time|day) am i (?:in|coming)\b/;

const BOOK =
  /\b(?:book|reserve|reservar|reservame|reservarme|agendar|agendame|agendarme|schedule (?:a|an|me|my|it|for|appointment|with|one|in)|to schedule|(?:an?|new|another)\s+(?:appointment|booking|reservation)|make a reservation|set up an appointment|(?:una|otra|nueva)\s+(?:cita|reserva|turno)|pedir (?:una\s+)?(?:cita|hora|turno)|sacar (?:una\s+)?cita|coger (?:una\s+)?cita|hacer (?:una\s+)?(?:cita|reserva)|quiero cita|necesito cita)\b|\b(?:appointment|booking|cita|reserva|turno)\s+(?:please|por favor|porfa|for|para)\b|^(?:appointment|cita|booking|reserva)\W*$/;
const AVAILABILITY =
  /\b(?:available|availability|availabilities|openings|an opening|any opening|free slots?|free spots?|spots?|slots?|(?:anything|something|any thing)\s+(?:open|free|available|left)|any (?:time|times|room|space|spots?|slots?|appointments?|openings?)|anything (?:tomorrow|today|on|for|this|next|at|around|in the|later|earlier|before|after)|fit me in|squeeze me in|get me in|come in|come by|stop by|drop by|walk[\s-]?ins?|drop in|disponible|disponibles|disponibilidad|huecos?|hay sitio|tienen algo|hay algo|hay turno|puedo ir|puedo pasar|pasarme|tendrias algo|tienes algo|tienen hueco)\b/;
const DURATION = /\bhow long\b|\bcuanto (?:tiempo|dura|tarda)\b/;
const PRICES =
  /\b(?:cheapest|most expensive|mas barato|mas barata|mas caro|mas cara|how much|price|prices|pricing|priced|cost|costs|costo|coste|rates?|charge|charges|fee|fees|precio|precios|tarifa|tarifas|presupuesto)\b|\bcuanto\b(?!\s+antes)/;
const HOURS =
  /\b(?:hours|horario|horarios|opening times|open|opens|close|closes|closing|closed|abren|abre|abris|cierran|cierra|cerrais|abiertos|abierto|abierta|cerrado|cerrados|cerrada)\b/;
const SERVICES =
  /\b(?:what|whats|which|que|cuales|what kind of|what type of|what sort of)\s+(?:\w+\s+)?(?:\w+\s+)?(?:services|service|treatments|servicios|tratamientos|cuts|styles)\b|\b(?:services|servicios|service menu|menu|lista de servicios)\b|\bwhat (?:do|can) (?:you|yall|you guys) (?:offer|provide)\b|\bwhat do (?:you|yall|you guys) do\b|\b(?:que) (?:ofrecen|hacen|haceis|ofreceis|ofreces|haces)\b/;
const OFFER_QUESTION =
  /\b(?:do|can|does)\s+(?:you|yall|anyone)\s+(?:do|offer|have|provide)\b|\b(?:hacen|ofrecen|haceis|ofreceis|haces|ofreces)\b/;
const WANT =
  /\b(?:want|need|like|would like|id like|looking for|looking to|hoping|get|getting|come|quiero|quisiera|necesito|gustaria|busco|puedo|podria|pueden|podrian|dame|tienes|tienen|hay|have|can i|could i|can we|could we|can you|could you|puedes|puede)\b/;

const CHANGE =
  /\b(?:actually|instead|rather|make it|make that|change it|change that|change to|switch it|switch to|switch that|how about|what about|can we do|could we do|can it be|could it be|can we make it|lets do|lets make it|lets say|i prefer|id prefer|prefer|better|move it|move me|push it|but|mejor|en vez|en lugar|cambialo|cambiala|cambiarlo|cambiarla|cambia a|cambiar a|cambiar la|cambiar el|que sea|prefiero|preferiria|y si|puede ser|podria ser|pero|mas bien)\b/;

/** Yes only as the whole message ("ya" is also "already" in Spanish: "ya no quiero la cita"). */
const YES_ALONE = /^(?:y|ya|yah|sip|yes sir|affirmative|de una|venga|vamos|va)\W*$/;
const YES_STRONG =
  /^(?:yes|thats (?:fine|good|great|perfect|right|correct)|that is (?:fine|correct|right)|please confirm|confirm (?:it|please)|yeah|yea|yah|yep|yup|yas|ye|sure|correct|confirm|confirmed|absolutely|definitely|certainly|of course|sounds good|sounds great|sounds perfect|that works|works for me|go ahead|go for it|do it|lets do it|lets do that|book it|lock it in|please do|claro|dale|de acuerdo|correcto|exacto|confirmo|confirmado|me parece bien|me sirve|adelante|por supuesto|hazlo|reservalo|reservala|esta bien|me va bien|me viene bien|eso es|asi es|paid|i paid|ive paid|done|ya pague|ya esta|pagado)\b/;
const YES_WEAK =
  /^(?:ok|alright|all right|perfect|great|good|fine|cool|awesome|excellent|nice|works|no problem|no worries|perfecto|perfecta|bueno|genial|listo|lista|sale|va|vale|guay|no hay problema|sin problema)\b/;
const SPANISH_SI = /^si\b\s*(?:[,.!]|$|por favor|porfa|gracias|claro|perfecto|vale|dale|esta bien|me parece|me sirve|,)/;
const NO_START =
  /^(?!no (?:preference|problem|worries|importa|hay problema)\b)(?:no|nope|nah|nay|negative|not really|not now|no thanks|no thank you|never mind|nevermind|nvm|forget it|forget about it|start over|start again|empezar de nuevo|empecemos de nuevo|none|neither|nel|ninguna|ninguno|tampoco|mejor no|no gracias|olvidalo|dejalo|n)\b/;
const NO_ANYWHERE =
  /\b(?:(?:wait|hmm|hm|actually|oh|um|uh|sorry|perdon|espera) no|not that (?:day|time|one)|ese dia no|esa hora no|doesnt work|does not work|that doesnt work|wont work|not good|not great|cant do|cannot do|cant make it|cannot make it|not that one|not those|esa no|no puedo|none of (?:those|them|these)|neither of (?:those|them|these)|no me sirve|no me va|no me viene bien|ninguna de esas|ninguno de esos|ninguna me sirve|ninguna me va)\b/;

const THANKS =
  /\b(?:thanks|thank you|thank u|cheers|appreciate it|appreciated|much appreciated|many thanks|gracias|te agradezco|se agradece|agradecid[oa])\b/;
const GREETING =
  /\b(?:hi|hello|hey|heya|hiya|helo|yo|howdy|sup|whats up|gm|hola|holi|holis|buenas|buen dia|que tal|saludos|ey)\b/;
const HELP_QUESTION =
  /\b(?:what can you do|what can i do|how does this work|how do i use this|como funciona|que puedes hacer|que haces)\b/;
const HELP = /\b(?:help|help me|i need help|info|information|ayuda|ayudame|necesito ayuda|informacion)\b/;

/** Words that add nothing to a yes, a no or a choice. */
const FILLER =
  /\b(?:please|por favor|porfa|thanks|thank you|gracias|muchas|so|very|much|muy|that|thats|it|is|sounds|for|me|then|will|do|lo|la|eso|es|great|perfect|perfecto|good|fine|ok|bien|yes|yeah|sure|si|claro|vale|dale|of course|one|the|el|mate|bro|man|hun|dear|and|y)\b|[!.,?;:~]|\s+/g;

export interface Signals {
  clean: string;
  /** The whole message reduced to letters and spaces, for carrier keywords. */
  bare: string;
  /** The message wrote an accented "sí". */
  accentedSi: boolean;
  awaiting: Awaiting | null;
  idle: boolean;
  hasDetails: boolean;
  /** A detail beyond what every yes repeats (all but name and email). */
  hasBookingDetails: boolean;
  hasDateOrTime: boolean;
  serviceId?: string;
  staffId?: string;
  optionIndex?: number;
  /** "I'm Ana, call me …" was a name, not a request for a call. */
  nameAfterCallMe: boolean;
}

const remainderAfter = (clean: string, pattern: RegExp): string => clean.replace(pattern, ' ').replace(FILLER, '').trim();

function yesKind(s: Signals): 'strong' | 'weak' | undefined {
  const c = s.clean;
  if (YES_STRONG.test(c) || YES_ALONE.test(c) || SPANISH_SI.test(c) || (s.accentedSi && /^si\b/.test(c))) return 'strong';
  if (YES_WEAK.test(c)) return 'weak';
  return undefined;
}

function isNo(s: Signals): boolean {
  return NO_START.test(s.clean) || NO_ANYWHERE.test(s.clean);
}

/** A yes or no with nothing else of substance ("yes please!", "no thanks"). */
export function isPureYesOrNo(s: Signals): boolean {
  if (s.hasBookingDetails) return false;
  if (yesKind(s) === undefined && !NO_START.test(s.clean)) return false;
  const rest = remainderAfter(s.clean, new RegExp(`${YES_STRONG.source}|${YES_WEAK.source}|${NO_START.source}|\\bsi\\b`, 'g'));
  return rest.length === 0;
}

export function classify(s: Signals): Intent {
  const c = s.clean;
  if (c.length === 0) return s.hasDetails ? 'inform' : 'unknown';

  if (CARRIER_STOP.test(s.bare)) return 'stop';
  if (CARRIER_START.test(s.bare)) return 'start';
  if (CARRIER_HELP.test(s.bare)) return 'help';
  if (STOP_PHRASE.test(c)) return 'stop';
  if (
    HUMAN.test(c) &&
    !(s.nameAfterCallMe && !/\b(?:human|person|agent|representative|operator|humano|persona|agente)\b/.test(c))
  ) {
    return 'human';
  }
  if (s.staffId && /\b(?:talk|speak|hablar)\s+(?:to|with|con)\b/.test(c)) return 'human';
  if (DONT_KNOW.test(c) && !s.hasDetails) return 'unknown';

  const yes = yesKind(s);
  const change = CHANGE.test(c);
  if (NEGATED_CANCEL.test(c)) return 'no';
  if ((s.awaiting === 'confirmation' || s.awaiting === 'payment') && yes === 'strong' && !change) return 'yes';

  if (CANCEL_POLICY.test(c)) return 'help';
  if (CANCEL.test(c)) return 'cancel';
  // "I can't make it tomorrow" cancels; "… can we do Friday instead?" moves it.
  // Mid-flow, "I can't make it at 3" turns down what was offered; otherwise it is about a booking.
  if (CANNOT_COME.test(c) && (s.idle || s.awaiting === 'booking_choice'))
    return CHANGE.test(c.replace(CANNOT_COME, ' ')) || MOVE_VERB.test(c) || RESCHEDULE_VERB.test(c) || ANOTHER_TIME.test(c)
      ? 'reschedule'
      : 'cancel';
  if (RESCHEDULE_VERB.test(c) || (MOVE_VERB.test(c) && BOOKING_NOUN.test(c))) return 'reschedule';
  // "push my haircut to Friday": a service they already have, moved.
  if (MOVE_VERB.test(c) && s.serviceId && /\b(?:my|mi)\s+(?:\w+\s+)?\w+/.test(c) && !BOOK.test(c)) return 'reschedule';
  if (
    s.idle &&
    (ANOTHER_TIME.test(c) ||
      /^(?:move it|push it back|change it)\b|\b(?:move|push|bump|switch|shift) (?:me|it)\b|\b(?:cambiame|pasame|mueveme|cambiarla|moverla|pasarla|pasarmela|cambiarmela|movermela)\b|\bme la (?:\w+ )?(?:pasar|cambiar|mover|pasas|cambias|mueves)\b/.test(
        c,
      ))
  )
    return 'reschedule';
  // Out of the blue, "can we do Thursday instead" can only be about a booking they have.
  if (s.idle && s.hasDateOrTime && /\b(?:instead|en vez|en lugar)\b/.test(c)) return 'reschedule';
  if (ASK_APPOINTMENT.test(c)) return 'ask_appointment';

  const pure = isPureYesOrNo(s);
  if (s.optionIndex !== undefined && !pure) return 'choose';
  if (!s.idle && change && s.hasDetails) return 'change';
  if (!s.idle && ANOTHER_TIME.test(c) && !s.hasBookingDetails) return 'no';
  // After an offer, "none of these, anything Wednesday?" adjusts the request rather than starting another.
  const afterOffer = s.awaiting === 'slot_choice' || s.awaiting === 'confirmation';
  if (
    afterOffer &&
    s.hasBookingDetails &&
    !BOOK.test(c) &&
    (AVAILABILITY.test(c) || /\b(?:anything|something|algo)\b/.test(c) || isNo(s))
  ) {
    return 'change';
  }
  // Asked "what time?", "any time after lunch" is the answer, not a new request.
  const answering = s.awaiting === 'time' || s.awaiting === 'date' || s.awaiting === 'staff' || s.awaiting === 'service';
  if (BOOK.test(c) || (AVAILABILITY.test(c) && !(answering && s.hasBookingDetails))) return 'book';
  if (HELP_QUESTION.test(c)) return 'help';
  if (DURATION.test(c)) return 'ask_services';
  if (PRICES.test(c)) return 'ask_prices';
  if (HOURS.test(c)) return 'ask_hours';
  // "do you do beard trims?" asks about the menu; "can you do 5:30 Tuesday for a beard trim?" asks for a slot.
  if (SERVICES.test(c) || (s.serviceId && OFFER_QUESTION.test(c) && !s.hasDateOrTime)) return 'ask_services';
  if (WANT.test(c) && (s.hasBookingDetails || s.serviceId)) return 'book';

  if (isNo(s)) return s.hasBookingDetails ? 'change' : 'no';
  if (yes) {
    if (s.hasBookingDetails && /\b(?:but|pero)\b/.test(c)) return 'change';
    const thanks = THANKS.test(c);
    if (yes === 'weak' && thanks && s.awaiting !== 'confirmation' && s.awaiting !== 'payment') return 'thanks';
    return 'yes';
  }
  // "haircut tomorrow at 3", "appointment with Maria on Thursday" out of the blue start a booking.
  if (s.idle && (s.serviceId || (s.hasBookingDetails && BOOKING_NOUN.test(c) && !/\b(?:my|mi|mis)\b/.test(c)))) return 'book';
  if (s.hasDetails) return 'inform';
  if (THANKS.test(c)) return 'thanks';
  if (GREETING.test(c)) return 'greeting';
  if (HELP.test(c)) return 'help';
  return 'unknown';
}
