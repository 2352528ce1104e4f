// Figures from the stand-in's request log (zd.log()): what reached "Zendesk", whatever the adapters believe.
// A dropped answer still counts under the status the stand-in decided (the client saw a network error).
const isWrite = (e) => e.method !== 'GET';
const VERIFY_READ = /^\/api\/v2\/tickets(\.json)?\?external_id=|^\/api\/v2\/tickets\/\d+\/comments/;
// answers no injected fault explains: a route the stand-in lacks, a request Zendesk would refuse
const unexplained = (e) => e.status >= 400 && e.status !== 429 && e.status !== 500;

export function requestLogFigures(log) {
  const delivered = log.filter((e) => !e.dropped);
  return {
    requests: log.length,
    writeRequests: log.filter(isWrite).length,
    status429: delivered.filter((e) => e.status === 429).length,
    status500: delivered.filter((e) => e.status === 500).length,
    status500Applied: delivered.filter((e) => e.status === 500 && e.appliedStatus != null).length,
    search500: delivered.filter((e) => e.status === 500 && e.method === 'GET' && e.url.startsWith('/api/v2/search'))
      .length,
    otherErrorCount: log.filter(unexplained).length,
    otherErrors: log
      .filter(unexplained)
      .slice(0, 10)
      .map((e) => `${e.method} ${e.url.split('?')[0]} → ${e.status}`),
    // reads that check whether an uncertain ticket create or comment landed (a contact's check is the lookup search)
    verifyReads: log.filter((e) => e.method === 'GET' && VERIFY_READ.test(e.url)).length,
    dropped: log.filter((e) => e.dropped).length,
    droppedWritesCarriedOut: log.filter((e) => e.dropped && isWrite(e) && e.status < 400).length,
  };
}
