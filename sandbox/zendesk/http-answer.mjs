// What the stand-in answers, in Zendesk's shapes: an HttpAnswer (status, JSON body, headers), the error bodies
// Zendesk uses (RecordNotFound, InvalidEndpoint, ParameterMissing, RecordInvalid with `details`), and the two ends
// of the HTTP exchange (reading a request body, writing an answer).

const JSON_TYPE = 'application/json; charset=utf-8';

export class HttpAnswer {
  constructor(status, body, headers = {}) {
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}
export const answer = (status, body, headers) => new HttpAnswer(status, body, headers);
export const notFound = () => answer(404, { error: 'RecordNotFound', description: 'Not found' });
export const invalidEndpoint = (method, pathname) =>
  answer(404, {
    error: 'InvalidEndpoint',
    description: `Not found: ${method} ${pathname} is not a route of the sandbox Zendesk stand-in`,
  });
export const parameterMissing = (name) =>
  answer(400, {
    error: 'ParameterMissing',
    description: `Missing or invalid parameter: ${name} (an object is required)`,
  });
export const badPagination = (description) => answer(400, { error: 'InvalidPaginationParameter', description });

/** 422 RecordInvalid with Zendesk's `details` shape: {field: [{description, error}]}. */
export function recordInvalid(field, description, error = 'InvalidValue', topDescription = 'Record validation errors') {
  return answer(422, {
    error: 'RecordInvalid',
    description: topDescription,
    details: { [field]: [{ description, error }] },
  });
}

export function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function send(res, result, extraHeaders = {}) {
  const payload = JSON.stringify(result.body);
  res.writeHead(result.status, {
    'Content-Type': JSON_TYPE,
    'Content-Length': Buffer.byteLength(payload),
    ...result.headers,
    ...extraHeaders,
  });
  res.end(payload);
}
