/** The conversation engine's HTTP shapes: the public chat endpoint and the staff inbox. */

export const CHAT_STATES = [
  'IDLE',
  'COLLECTING',
  'CONFIRMING',
  'PAYMENT_PENDING',
  'RESCHEDULE_COLLECTING',
  'RESCHEDULE_CONFIRM',
  'CANCEL_CONFIRM',
] as const;
export type ChatState = (typeof CHAT_STATES)[number];

export const AWAITING = [
  'service',
  'date',
  'time',
  'staff',
  'name',
  'phone',
  'verification_code',
  'confirmation',
  'slot_choice',
  'booking_choice',
  'payment',
] as const;
export type Awaiting = (typeof AWAITING)[number];

export interface ChatOption {
  id: string;
  label: string;
}

export interface ChatReply {
  text: string;
  options?: ChatOption[];
  /** Extension to v1: a page the reply sends the customer to (the deposit's Checkout); `text` carries the URL too. */
  link?: ChatLink;
}

/** A page a reply links to, with the label of the button a channel may show for it. */
export interface ChatLink {
  url: string;
  label: string;
}

/**
 * `POST /api/v1/public/:slug/chat` body. A web visitor sends `session` (absent on the first
 * message); `from` (talking as that phone) needs an owner's, staff member's or super-admin's token.
 */
export interface ChatRequest {
  text: string;
  session?: string;
  from?: string;
}

/** What one message to the conversation engine answers, whatever the channel. */
export interface ChatTurn {
  replies: ChatReply[];
  state: ChatState;
  awaiting: Awaiting | null;
  bookingId: string | null;
}

/** `POST /api/v1/public/:slug/chat` answer: `session` is the web conversation's signed token (null when talking as `from`). */
export interface ChatResponse extends ChatTurn {
  session: string | null;
}

export type Channel = 'web' | 'sms' | 'whatsapp';
export type MessageDirection = 'inbound' | 'outbound';
/** Who wrote an outbound message: the bot, or a staff member replying as the business. */
export type MessageAuthor = 'customer' | 'bot' | 'staff';
export type DeliveryStatus = 'received' | 'pending' | 'sent' | 'delivered' | 'read' | 'failed';

export interface ConversationSummary {
  id: string;
  customer: { id: string; name: string | null; phone: string };
  channel: Channel;
  state: ChatState;
  /** Waiting for a person: three failed attempts, or the customer asked for one. */
  flaggedForStaff: boolean;
  /** The bot stays silent for this customer until staff resume it. */
  botPaused: boolean;
  /** The customer opted out of messages (STOP, or a carrier keyword such as CANCEL over SMS): nothing reaches them until START. */
  optedOut: boolean;
  lastMessageAt: string | null;
  lastMessagePreview: string | null;
  updatedAt: string;
}

export interface ConversationMessage {
  id: string;
  direction: MessageDirection;
  author: MessageAuthor;
  channel: Channel;
  body: string;
  status: DeliveryStatus;
  createdAt: string;
}

export interface ConversationDetail extends ConversationSummary {
  messages: ConversationMessage[];
}

/** `GET /api/v1/conversations`: threads flagged for staff first, then the most recent. */
export interface ConversationList {
  items: ConversationSummary[];
  total: number;
}

/** `POST /api/v1/conversations/:id/reply`. */
export interface StaffReplyRequest {
  text: string;
}

/** `GET /api/v1/conversations` query. */
export interface ListConversationsQuery {
  /** Only threads flagged (or not flagged) for staff. */
  flagged?: boolean;
  limit?: number;
  offset?: number;
}
