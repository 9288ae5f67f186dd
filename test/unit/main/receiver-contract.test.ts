import { describe, expectTypeOf, it } from 'vitest'
import type {
  InboxEntryView,
  PollResultView,
  ReceiverExchangeView,
  ReceiverOperationResult,
  ReceiverView
} from '../../../src/shared/api/contract'
import type { PollResult } from '../../../src/main/receiver/poller'
import type {
  OperationResult,
  ReceiverService,
  ReceiverView as ServiceView
} from '../../../src/main/receiver/service'
import type { ReceivedSetRecord } from '../../../src/main/store/received-sets-repo'

type ExchangeRecord = ReturnType<ReceiverService['exchange']>

describe('the control-API contract matches what the receiver service returns', () => {
  it('is assignable', () => {
    expectTypeOf<ServiceView>().toExtend<ReceiverView>()
    expectTypeOf<OperationResult>().toExtend<ReceiverOperationResult>()
    expectTypeOf<ReceivedSetRecord>().toExtend<InboxEntryView>()
    expectTypeOf<ExchangeRecord>().toExtend<ReceiverExchangeView>()
    expectTypeOf<PollResult>().toExtend<PollResultView>()
  })
})
