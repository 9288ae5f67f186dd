/**
 * `POST /api/events/preview`: the SET a fire request would produce for one stream, decoded and
 * linted, without signing or storing anything. The UI shows it live while the form changes.
 * @see RFC 8417 §2, SSF 1.0 §4
 * @module
 */
import {
  NotFoundError,
  SET_TYP,
  lintSet,
  parseWith,
  requireJsonObject,
  type Finding
} from '../../shared/ssf'
import { previewEventRequestSchema, type EventPreview } from '../../shared/api/events'
import type { ApiHandler } from './deps'
import { checkEvent, planSetClaims, streamIssuer } from '../transmitter/delivery/plan'

const previewSchema = previewEventRequestSchema

/** A placeholder `jti` so the preview is stable while the form changes. */
const PREVIEW_JTI = '00000000-0000-4000-8000-000000000000'

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>()
  const out: Finding[] = []
  for (const f of findings) {
    // The catalog says `claims.x`, the linter `events["…"].x` for the same problem: the first
    // (the catalog's, naming the form's field) is kept.
    const key = `${f.rule}\u0000${f.message}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push(f)
  }
  return out.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1))
}

export const preview: ApiHandler = ({ infra: ctx }) =>
  function previewEvent(req, res) {
    const body = parseWith(previewSchema, requireJsonObject(req.body, 'event'), 'event')
    const claims = body.claims ?? {}
    const now = Math.floor(ctx.clock.now() / 1000)
    const customTypes = ctx.repos.customEvents.list()
    const check = checkEvent(body, { customTypes, nowSeconds: now })
    const streamId = body.stream_id ?? body.stream_ids?.[0]
    const stream = streamId === undefined ? undefined : ctx.repos.streams.get(streamId)
    if (streamId !== undefined && !stream) throw new NotFoundError(`stream ${streamId} not found`)
    const target = stream ?? { config: { aud: 'https://receiver.example/placeholder-audience' } }
    const issuer = streamIssuer(ctx.issuer, target)
    const aud = target.config.aud
    const key = ctx.keys.active()
    const header: Record<string, unknown> = { alg: key.alg, kid: key.kid, typ: SET_TYP }
    const built = planSetClaims(ctx.issuer, target, {
      jti: PREVIEW_JTI,
      iat: now,
      txn: body.txn ?? 'generated-when-sent',
      // Replaced below by the subject exactly as given, shaped or not.
      sub_id: { format: 'opaque', id: '' },
      eventType: check.uri ?? (body.type || 'urn:example:missing-event-type'),
      payload: claims
    })
    const payload: Record<string, unknown> = { ...built, sub_id: body.subject }
    const lint = lintSet(
      { header, payload },
      {
        issuer,
        audience: typeof aud === 'string' ? aud : (aud[0] ?? ''),
        now,
        customTypes
      }
    )
    const out: EventPreview = {
      header,
      payload,
      findings: dedupe([...check.errors, ...check.warnings, ...lint])
    }
    if (stream) out.stream_id = stream.stream_id
    res.json(out)
  }
