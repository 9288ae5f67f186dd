/**
 * URLs of screens and selected objects (the routes are in `routes.tsx`), so components never
 * spell a link out by hand.
 * @module
 */

/** URL builders for selected objects, so links are not spelled out in components. */
export const paths = {
  stream: (id: string) => `/streams/${encodeURIComponent(id)}`,
  streamCheck: (id: string) => `/streams/${encodeURIComponent(id)}/check`,
  receiverCheck: (id: string) => `/receivers/${encodeURIComponent(id)}/check`,
  receiver: (id: string) => `/receivers/${encodeURIComponent(id)}`,
  inboxEntry: (receiverId: string, entryId: number | string) =>
    `/receivers/${encodeURIComponent(receiverId)}/inbox/${encodeURIComponent(String(entryId))}`,
  exchange: (id: number | string, search = '') =>
    `/traffic/${encodeURIComponent(String(id))}${search}`,
  traffic: (search = '') => `/traffic${search}`
}
