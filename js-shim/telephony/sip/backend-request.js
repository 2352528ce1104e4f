// A request to the contact center's backend (docs/telephony.md, "Credential endpoint", "Directory endpoint",
// "Status endpoint"):
// `POST {telephonyUrl}/sip/<endpoint>` through the ZAF proxy, which puts the secure telephonyToken in the
// Authorization header, so the browser never holds it. No ZAF retry: each caller decides what a failure means.

/**
 * @param {{request(o: object): Promise<any>}} client  the ZAF client
 * @param {string} telephonyUrl  the telephonyUrl setting
 * @param {string} endpoint      'credentials' | 'directory' | 'status'
 * @param {object} body          sent as JSON
 * @returns {Promise<any>}  the ZAF client's answer (rejects as client.request does)
 */
export function postToTelephonyBackend(client, telephonyUrl, endpoint, body) {
  return client.request({
    url: `${telephonyUrl.replace(/\/+$/, '')}/sip/${endpoint}`,
    type: 'POST',
    secure: true,
    autoRetry: false,
    headers: { Authorization: 'Bearer {{setting.telephonyToken}}' },
    contentType: 'application/json',
    data: JSON.stringify(body),
  });
}
