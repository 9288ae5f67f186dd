import { useEffect, useState } from 'react'

/** The current time, re-read every `ms` (for "next attempt in 4 s"). */
export function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms)
    return () => clearInterval(t)
  }, [ms])
  return now
}
