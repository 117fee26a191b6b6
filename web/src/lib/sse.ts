// Live progress of a request (GET /api/requests/{id}/events, server-sent events). Any event means
// "something changed": we refetch the request (debounced). The browser's EventSource reconnects by
// itself and sends Last-Event-ID, so the server can replay what we missed (GUARANTEES Q11).
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { keys } from "./queries";

/** Event names the server may use; unnamed events arrive as "message". */
export const PROGRESS_EVENT_NAMES = [
  "message",
  "progress",
  "stage",
  "stage_started",
  "stage_done",
  "stage_failed",
  "stage_finished",
  "card",
  "card_status",
  "status",
  "request",
  "done",
  "failed",
  "update",
  "job",
];

export type LiveState = "connecting" | "open" | "closed";

export function useRequestEvents(requestId: string, enabled: boolean, onEvent?: () => void): LiveState {
  const qc = useQueryClient();
  const [state, setState] = useState<LiveState>("connecting");
  const timer = useRef<number | null>(null);
  const onEventRef = useRef(onEvent);
  onEventRef.current = onEvent;

  useEffect(() => {
    if (!enabled || typeof EventSource === "undefined") {
      setState("closed");
      return;
    }
    setState("connecting");
    const es = new EventSource(`/api/requests/${encodeURIComponent(requestId)}/events`);
    const refetch = () => {
      if (timer.current !== null) return;
      timer.current = window.setTimeout(() => {
        timer.current = null;
        qc.invalidateQueries({ queryKey: keys.request(requestId) });
        qc.invalidateQueries({ queryKey: ["cards"] });
        onEventRef.current?.();
      }, 250);
    };
    const onOpen = () => setState("open");
    const onError = () => setState(es.readyState === EventSource.CLOSED ? "closed" : "connecting");
    es.addEventListener("open", onOpen);
    es.addEventListener("error", onError);
    for (const name of PROGRESS_EVENT_NAMES) es.addEventListener(name, refetch);
    return () => {
      es.close();
      if (timer.current !== null) {
        window.clearTimeout(timer.current);
        timer.current = null;
      }
    };
  }, [requestId, enabled, qc]);

  return enabled ? state : "closed";
}
