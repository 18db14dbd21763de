import { createContext, useContext } from 'react'

// The per-request CSP nonce, provided by entry.server. In the browser it is empty:
// scripts are already running by then, and browsers hide nonce attributes anyway.
export const NonceContext = createContext('')

export const useNonce = () => useContext(NonceContext)
