/**
 * Management-API clients. Each has a bearer token; streams belong to the client that created
 * them. The default client's token is the one printed at start and used by the UI and CLI.
 * @module
 */
import { randomBytes, randomUUID } from 'node:crypto'
import type { Db } from './sqlite'

/** A stored client. */
export interface ClientRecord {
  client_id: string
  name: string
  /** The `aud` of this client's streams and SETs. */
  audience: string
  token: string
  is_default: boolean
  created_at: number
}

interface ClientRow {
  client_id: string
  name: string
  audience: string
  token: string
  is_default: number
  created_at: number
}

const toRecord = (r: ClientRow): ClientRecord => ({ ...r, is_default: r.is_default === 1 })

/** A fresh opaque bearer token (256 bits, base64url). */
export function generateToken(): string {
  return randomBytes(32).toString('base64url')
}

/** Data access for clients. */
export function createClientsRepo(db: Db) {
  const byToken = db.prepare<[string], ClientRow>('SELECT * FROM clients WHERE token = ?')
  const byId = db.prepare<[string], ClientRow>('SELECT * FROM clients WHERE client_id = ?')
  const defaultClient = db.prepare<[], ClientRow>('SELECT * FROM clients WHERE is_default = 1')
  const all = db.prepare<[], ClientRow>('SELECT * FROM clients ORDER BY created_at, client_id')
  const insert = db.prepare(
    'INSERT INTO clients (client_id, name, audience, token, is_default, created_at) VALUES (@client_id, @name, @audience, @token, @is_default, @created_at)'
  )
  const setToken = db.prepare('UPDATE clients SET token = ? WHERE client_id = ?')
  // Every management request looks its token up: known tokens are kept (this repo is the only
  // writer of the table; a write clears the cache).
  const known = new Map<string, ClientRecord>()

  return {
    findByToken(token: string): ClientRecord | undefined {
      const cached = known.get(token)
      if (cached) return { ...cached }
      const row = byToken.get(token)
      if (!row) return undefined
      const record = toRecord(row)
      known.set(token, record)
      return { ...record }
    },
    get(clientId: string): ClientRecord | undefined {
      const row = byId.get(clientId)
      return row && toRecord(row)
    },
    list(): ClientRecord[] {
      return all.all().map(toRecord)
    },
    create(
      name: string,
      now: number,
      options: { token?: string; audience?: string; isDefault?: boolean } = {}
    ): ClientRecord {
      const isDefault = options.isDefault ?? false
      const clientId = isDefault ? 'default' : `client_${randomUUID()}`
      const record: ClientRecord = {
        client_id: clientId,
        name,
        audience: options.audience ?? clientId,
        token: options.token ?? generateToken(),
        is_default: isDefault,
        created_at: now
      }
      insert.run({ ...record, is_default: isDefault ? 1 : 0 })
      known.clear()
      return record
    },
    /**
     * The default client, created on first start. A token given on the command line wins and is
     * persisted; otherwise the stored (or a freshly generated) one is kept.
     */
    ensureDefault(token: string | undefined, now: number): ClientRecord {
      const row = defaultClient.get()
      if (!row)
        return this.create('Default client', now, {
          token: token ?? generateToken(),
          isDefault: true
        })
      if (token !== undefined && token !== row.token) {
        // Tokens identify clients: one already held by another client cannot become the default's.
        const holder = byToken.get(token)
        if (holder)
          throw new Error(
            `the token given with --token is already the token of client "${holder.name}" (${holder.client_id}); choose another`
          )
        setToken.run(token, row.client_id)
        known.clear()
        return toRecord({ ...row, token })
      }
      return toRecord(row)
    }
  }
}

/** The clients repository. */
export type ClientsRepo = ReturnType<typeof createClientsRepo>
