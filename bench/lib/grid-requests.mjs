// The speed grid's requests (bench/bench_requests.h, `adapter_bench --requests grid`) made in JavaScript, so that
// bench/compare-core.mjs needs no native build: the same contacts, tickets, session and entry, written with the
// keys in nlohmann's (sorted) order so the text is what the native generator prints.
const count = (n) => (n >= 1000 ? `${Math.floor(n / 1000)},${String(n % 1000).padStart(3, '0')}` : String(n));

// A caller (contact 7) with `tickets` tickets, a quarter of them open and ours; one contact in ten has the number.
function sessionParts(contacts, tickets) {
  return {
    contacts: Array.from({ length: contacts }, (_, i) => ({
      createdAt: '2020-01-01T00:00:00Z',
      id: i + 7,
      name: `Contact ${i}`,
      phones: [i % 10 === 0 ? '+14155550100' : `+1415555${1000 + (i % 9000)}`],
    })),
    tickets: Array.from({ length: tickets }, (_, i) => {
      const ours = i % 4 === 0;
      return {
        id: 100000 + i,
        requesterId: 7,
        status: ours ? 'open' : 'solved',
        subject: `Ticket ${i}`,
        tags: ours ? ['ccaas', 'ccaas_voice', `ccaas_queue_q${i % 50}`] : ['email'],
        updatedAt: '2026-11-19T10:00:00Z',
      };
    }),
  };
}

export function sessionRequest(contacts, tickets) {
  const { contacts: c, tickets: t } = sessionParts(contacts, tickets);
  return JSON.stringify({
    contacts: c,
    session: {
      agentId: 5,
      contactId: 7,
      event: 'assigned',
      id: 'c-1',
      leafQueueId: 'q7',
      phone: '+14155550100',
      startedAt: '2026-11-20T10:15:00Z',
      type: 'ivr',
    },
    settings: { defaultCallingCode: '1' },
    tickets: t,
  });
}

// The dial pad with +14155550100, contact 7 chosen; every contact has the dialled number (the worst case).
export function outboundRequest(contacts, tickets) {
  const { contacts: c, tickets: t } = sessionParts(contacts, tickets);
  for (const x of c) x.phones = ['+14155550100'];
  return JSON.stringify({
    contacts: c,
    entry: { number: '+14155550100', source: 'dialpad' },
    input: { contactId: 7 },
    settings: { defaultCallingCode: '1', promptSelectOpenTicket: true },
    tickets: t,
  });
}

/** One grid case as adapter_bench names it, e.g. "planOutbound 5,000 contacts x 10,000 tickets". */
export function gridCase(fn, contacts, tickets) {
  return {
    name: `${fn} ${count(contacts)} contacts x ${count(tickets)} tickets`,
    function: fn,
    contacts,
    tickets,
    request: fn === 'planOutbound' ? outboundRequest(contacts, tickets) : sessionRequest(contacts, tickets),
  };
}
