import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api, isApiError, setCsrfToken } from "@/lib/api";
import type { Session, User } from "@/lib/types";

export const ME_KEY = ["auth", "me"] as const;

// Whether this browser was signed in last time. Only a hint for what to draw while /api/auth/me
// is on its way (a spinner for a returning user, the sign-in page at once for everyone else);
// the server's answer always decides.
const HINT_KEY = "by.signedIn";
export function wasSignedIn(): boolean {
  try {
    return window.localStorage.getItem(HINT_KEY) === "1";
  } catch {
    return false;
  }
}
function rememberSignedIn(on: boolean) {
  try {
    if (on) window.localStorage.setItem(HINT_KEY, "1");
    else window.localStorage.removeItem(HINT_KEY);
  } catch {
    // no storage: the hint just stays off
  }
}

/** GET /api/auth/me → the session, or null when signed out (401). */
export async function fetchSession(): Promise<Session | null> {
  // Not signed in from this browser (or signed out since): nothing to ask, and no 401 in the console.
  // Signing in sets the hint before anything reads the session.
  if (!wasSignedIn()) return null;
  try {
    const s = await api<Session>("/api/auth/me", { quiet401: true });
    if (!s || !s.user) {
      rememberSignedIn(false);
      return null;
    }
    setCsrfToken(s.csrf_token);
    rememberSignedIn(true);
    return s;
  } catch (e) {
    if (isApiError(e) && (e.status === 401 || e.status === 403)) {
      setCsrfToken(null);
      rememberSignedIn(false);
      return null;
    }
    throw e;
  }
}

export function useSession() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: fetchSession,
    staleTime: 5 * 60_000,
    refetchOnWindowFocus: true,
    // One quick retry for a network blip; a server that does not answer leaves us on the sign-in page.
    retry: (count, e) => !(isApiError(e) && e.status > 0 && e.status < 500) && count < 1,
    retryDelay: 500,
    // Each page that reads the session must not refetch a failed one on mount (that would loop).
    retryOnMount: false,
  });
}

export function useUser(): User | null {
  return useSession().data?.user ?? null;
}

// Set when the server ended the session (401 while signed in), so the sign-in page can say why.
let expired = false;
export function takeExpiredNotice(): boolean {
  const v = expired;
  expired = false;
  return v;
}

export function sessionEnded(qc: QueryClient) {
  if (!qc.getQueryData(ME_KEY)) return;
  expired = true;
  signedOut(qc);
}

export function signedOut(qc: QueryClient) {
  setCsrfToken(null);
  rememberSignedIn(false);
  qc.cancelQueries();
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
  qc.setQueryData(ME_KEY, null);
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) =>
      api<Session>("/api/auth/login", { method: "POST", json: body, quiet401: true }),
    onSuccess: (s) => {
      setCsrfToken(s.csrf_token);
      rememberSignedIn(true);
      qc.setQueryData(ME_KEY, s);
    },
  });
}

export function useRegister() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { company: string; email: string; password: string }) => {
      await api("/api/auth/register", { method: "POST", json: body, quiet401: true });
      // Registration creates the account; signing in sets the session cookie.
      return api<Session>("/api/auth/login", {
        method: "POST",
        json: { email: body.email, password: body.password },
        quiet401: true,
      });
    },
    onSuccess: (s) => {
      setCsrfToken(s.csrf_token);
      rememberSignedIn(true);
      qc.setQueryData(ME_KEY, s);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api("/api/auth/logout", { method: "POST", json: {}, quiet401: true }),
    onSettled: () => signedOut(qc),
  });
}
