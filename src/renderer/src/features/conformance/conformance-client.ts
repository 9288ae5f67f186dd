/**
 * The two conformance reports over the control API, parsed with the shared schema.
 * @module
 */
import type {
  ConformanceReport,
  ReceiverCheckRequest,
  TransmitterCheckRequest
} from '../../../../shared/api/conformance'
import { API_PATHS } from '../../../../shared/api/paths'
import { call, parse } from '../../api/client'

/** Which report: of the app behind one of our streams, or of an external Transmitter. */
export type ReportKind = 'receiver' | 'transmitter'

export const conformanceApi = {
  /** "Check my Receiver" on stream `id`. */
  checkReceiver: async (id: string, options: ReceiverCheckRequest): Promise<ConformanceReport> =>
    parse(
      (s) => s.conformanceReportSchema,
      await call('POST', API_PATHS.streamCheck(id), options),
      'check report'
    ),
  /** "Check my Transmitter" through receiver `id`. */
  checkTransmitter: async (
    id: string,
    options: TransmitterCheckRequest
  ): Promise<ConformanceReport> =>
    parse(
      (s) => s.conformanceReportSchema,
      await call('POST', API_PATHS.receiverCheck(id), options),
      'check report'
    ),
  /** The exchange behind a line: a traffic entry, or one of a receiver's exchanges. */
  exchange: (kind: ReportKind, ownerId: string, exchangeId: number): Promise<unknown> =>
    call(
      'GET',
      kind === 'receiver'
        ? API_PATHS.trafficOne(exchangeId)
        : `${API_PATHS.receiverExchanges(ownerId)}/${exchangeId}`
    )
}
