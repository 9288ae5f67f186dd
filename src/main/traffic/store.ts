/**
 * The traffic log's data access, as the recorder and the traffic API know it. Its SQL lives in
 * `store/traffic-repo.ts`.
 * @module
 */
export {
  createTrafficStore,
  type NewExchange,
  type TrafficQuery,
  type TrafficStore
} from '../store/traffic-repo'
