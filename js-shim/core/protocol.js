// The live adapter's protocol as JSDoc types (docs/adapter-protocol.md): the events the shim dispatches, the
// effects it performs and the view it draws. Types only: nothing here runs, and nothing imports it at run time
// (`@type {import('../core/protocol.js').View}` and the like); `npx tsc` checks the shim against it.

/**
 * An event before the loop stamps it with `nowMs` (core-loop.js). Unknown fields are ignored by the core.
 * @typedef {{type: string, [field: string]: unknown}} UnstampedEvent
 */

/**
 * An event as the core receives it.
 * @typedef {UnstampedEvent & {nowMs: number}} CoreEvent
 */

/**
 * `httpResponse`: the answer to a `request` effect (status 0: network error or timeout). `idempotencyLookup`:
 * Zendesk's x-idempotency-lookup header, when the answer has one; `rateLimit`: Zendesk's rate-limit headers, when
 * it has any (http-response.js rateLimitOf).
 * @typedef {{type: 'httpResponse', requestId: number|string, status: number, body: unknown,
 *   retryAfterSec: number|null, idempotencyLookup?: 'hit'|'miss',
 *   rateLimit?: {limit: number|null, remaining: number|null, resetSec: number|null}}} HttpResponseEvent
 */

/**
 * `headers`: only when the request needs one (a ticket create's Idempotency-Key).
 * @typedef {{type: 'request', id: number|string, method: string, url: string, body: object|null,
 *   headers?: Record<string, string>}} RequestEffect
 */
/** @typedef {{type: 'routeTo', target: 'ticket'|'user', id: number}} RouteToEffect */
/** @typedef {{type: 'popover', action: 'show'}} PopoverEffect */
/** @typedef {{type: 'notify', code: string, kind: 'notice'|'error', params?: object}} NotifyEffect */
/**
 * @typedef {{type: 'telephony', command: TelephonyCommand, callId: string, number?: string, extension?: string,
 *   target?: string, digits?: string}} TelephonyEffect
 */
/** @typedef {'dial'|'answer'|'decline'|'hangUp'|'hold'|'resume'|'mute'|'unmute'|'transfer'|'sendDigits'} TelephonyCommand */
/** @typedef {{type: 'scheduleTick', atMs: number}} ScheduleTickEffect */
/** @typedef {{type: 'persist', state: object}} PersistEffect */
/**
 * The ticket sidebar `to` (its ZAF instance guid) gets its requester's phone numbers (primary first, each once), or
 * hears that Zendesk did not give them after the lookup's tries.
 * @typedef {{type: 'sidebarNumbers', to: string, ticketId: number, requesterId: number, numbers: string[],
 *   state: 'loaded'|'failed'}} SidebarNumbersEffect
 */

/**
 * What the core asks the shim to do, in order (`persist` first: write-ahead).
 * @typedef {RequestEffect|RouteToEffect|PopoverEffect|NotifyEffect|TelephonyEffect|ScheduleTickEffect|PersistEffect
 *   |SidebarNumbersEffect} Effect
 */

/** @typedef {{code: string, kind: 'error'|'notice', params?: object}} Banner */
/** @typedef {{e164: string|null, display: string, extension?: string|null}} PhoneNumber */

/**
 * @typedef {object} SyncWrite  one Zendesk write (or a call record waiting for lookups) in `view.sync.writes`
 * @property {string} key
 * @property {string} kind
 * @property {string} label
 * @property {string} [labelCode]
 * @property {object} [labelParams]
 * @property {'pending'|'inFlight'|'checking'|'failed'|'waiting'} state
 * @property {string|null} [error]
 * @property {string|null} [errorCode]
 * @property {object} [errorParams]
 * @property {number} [attempts]
 * @property {number|null} [nextAttemptMs]
 * @property {string|null} [text]
 * @property {boolean} [batched]
 */

/**
 * @typedef {object} Sync
 * @property {'saved'|'pending'|'paused'|'failed'} state
 * @property {number} pending
 * @property {number} failed
 * @property {number|null} pausedUntilMs
 * @property {number} [discarded]
 * @property {SyncWrite[]} writes
 */

/**
 * @typedef {object} CallView  the call on screen (screens incoming, call, wrapUp)
 * @property {string} id
 * @property {'inbound'|'outbound'} direction
 * @property {'ringing'|'dialing'|'connected'|'ended'} state
 * @property {boolean} held
 * @property {boolean} muted
 * @property {PhoneNumber} number
 * @property {{id: number, name: string}|null} contact
 * @property {{id: number, subject: string, status: string}|null} ticket
 * @property {number|null} startedAtMs
 * @property {number|null} connectedAtMs
 * @property {number|null} endedAtMs
 * @property {string|null} endReason
 * @property {string} [note]
 * @property {{answer: boolean, decline: boolean, hangUp: boolean, hold: boolean, mute: boolean, transfer: boolean,
 *   callBack?: boolean}} can
 * @property {'searching'|'failed'|'done'} lookupState
 */

/**
 * @typedef {object} OtherCall  a waiting or held call beside the one shown
 * @property {string} id
 * @property {'waiting'|'held'} kind
 * @property {string} state
 * @property {boolean} held
 * @property {PhoneNumber} number
 * @property {{id: number, name: string}|null} contact
 * @property {string|null} [queueName]
 * @property {string} [sessionType]
 */

/**
 * The view the core answers with every event. `writer` is the shim's own (the tab's role), never the core's.
 * @typedef {object} View
 * @property {'main'|'outbound'|'incoming'|'call'|'wrapUp'} screen
 * @property {boolean} ready
 * @property {{id: number, name: string}|null} agent
 * @property {{name: string, state: 'online'|'offline'}|null} connector
 * @property {{setting: string, code: string, message: string}[]} settingsProblems
 * @property {Banner|null} banner
 * @property {Sync} sync
 * @property {object|null} outbound  the planOutbound answer with the live adapter's additions (docs/adapter-protocol.md)
 * @property {CallView|null} call
 * @property {OtherCall[]} otherCalls
 * @property {{role: 'leader'|'follower', takingOver?: boolean}} [writer]
 */

/**
 * The core's answer to one event; a refused event answers `{error}` instead and changed nothing.
 * @typedef {{view: View, effects: Effect[]}} Answer
 */

export {};
