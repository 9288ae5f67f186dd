/**
 * Protocol constants of SSF 1.0, RFC 8417 (SET), RFC 8935 (push) and RFC 8936 (poll).
 * @module
 */

/** `spec_version` of SSF 1.0 final. @see SSF 1.0 §7.1 */
export const SPEC_VERSION = '1_0'

/** JOSE `typ` of a Security Event Token. @see RFC 8417 §2.3 */
export const SET_TYP = 'secevent+jwt'

/** Media type of a SET on the wire (push request body). @see RFC 8935 §2 */
export const SET_MEDIA_TYPE = 'application/secevent+jwt'

/** Delivery method URN for push. @see SSF 1.0 §6.1.1 */
export const DELIVERY_METHOD_PUSH = 'urn:ietf:rfc:8935'

/** Delivery method URN for poll. @see SSF 1.0 §6.1.2 */
export const DELIVERY_METHOD_POLL = 'urn:ietf:rfc:8936'

/** Pre-2023 RISC-style push URI, accepted on input and mapped to the URN. */
export const LEGACY_DELIVERY_METHOD_PUSH =
  'https://schemas.openid.net/secevent/risc/delivery-method/push'

/** Pre-2023 RISC-style poll URI, accepted on input and mapped to the URN. */
export const LEGACY_DELIVERY_METHOD_POLL =
  'https://schemas.openid.net/secevent/risc/delivery-method/poll'

/** Well-known suffix, inserted between host and issuer path. @see SSF 1.0 §7.2 */
export const SSF_WELL_KNOWN_PATH = '/.well-known/ssf-configuration'

/** `authorization_schemes[].spec_urn` for OAuth 2.0 (bearer tokens). @see SSF 1.0 §7.1.1 */
export const AUTH_SCHEME_OAUTH2 = 'urn:ietf:rfc:6749'

/** SSF verification event. @see SSF 1.0 §8.1.4.1 */
export const EVENT_TYPE_VERIFICATION =
  'https://schemas.openid.net/secevent/ssf/event-type/verification'

/** SSF stream-updated event. @see SSF 1.0 §8.1.5 */
export const EVENT_TYPE_STREAM_UPDATED =
  'https://schemas.openid.net/secevent/ssf/event-type/stream-updated'

/** Largest request body any endpoint accepts (bytes); larger bodies get 413. */
export const MAX_BODY_BYTES = 1024 * 1024
