import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Check, X } from "lucide-react";
import { useState } from "react";
import { useI18n } from "@/i18n";
import { api, fieldMatches, isApiError } from "@/lib/api";
import { errorMessage } from "@/lib/errors";
import { keys } from "@/lib/queries";
import { PRIORITIES, type FulfilmentRequest, type Priority } from "@/lib/types";
import { cn } from "@/lib/utils";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";
import { Dialog } from "./ui/dialog";
import { Field } from "./ui/field";
import { Textarea } from "./ui/textarea";
import { useToast } from "./ui/toast";

function useInvalidateRequests() {
  const qc = useQueryClient();
  return (id: string) => {
    qc.invalidateQueries({ queryKey: keys.requestsAll });
    qc.invalidateQueries({ queryKey: keys.request(id) });
  };
}

export function ApproveDialog({ request, open, onOpenChange }: { request: FulfilmentRequest; open: boolean; onOpenChange: (o: boolean) => void }) {
  const { t, tx } = useI18n();
  const toast = useToast();
  const invalidate = useInvalidateRequests();
  const initial = (PRIORITIES as string[]).includes(request.priority ?? "") ? (request.priority as Priority) : "normal";
  const [priority, setPriority] = useState<Priority>(initial);
  const approve = useMutation({
    mutationFn: () => api(`/api/requests/${encodeURIComponent(request.id)}/approve`, { method: "POST", json: { priority } }),
    onSuccess: () => {
      toast.success(t("admin.queue.approvedToast"));
      invalidate(request.id);
      onOpenChange(false);
    },
  });
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        onOpenChange(o);
        if (!o) approve.reset();
      }}
      title={t("admin.queue.approveTitle")}
      description={t("admin.queue.approveBody")}
      footer={
        <>
          <Button variant="outline" onClick={() => onOpenChange(false)}>
            {t("common.cancel")}
          </Button>
          <Button loading={approve.isPending} onClick={() => approve.mutate()}>
            <Check aria-hidden />
            {t("admin.queue.approve")}
          </Button>
        </>
      }
    >
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-zinc-800">{t("admin.queue.priority")}</legend>
        <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
          {PRIORITIES.map((p) => (
            <label
              key={p}
              className={cn(
                "flex cursor-pointer items-center justify-center rounded-lg border px-3 py-2 text-sm font-medium transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-600",
                priority === p ? "border-brand-600 bg-brand-50 text-brand-800" : "border-zinc-200 text-zinc-700 hover:bg-zinc-50",
              )}
            >
              <input type="radio" name="priority" value={p} checked={priority === p} onChange={() => setPriority(p)} className="sr-only" />
              {tx(`requests.priority.${p}`, p)}
            </label>
          ))}
        </div>
      </fieldset>
      {approve.error ? (
        <Alert tone="danger" live className="mt-4">
          {errorMessage(approve.error, t)}
        </Alert>
      ) : null}
    </Dialog>
  );
}

export function RejectDialog({ request, open, onOpenChange }: { request: FulfilmentRequest; open: boolean; onOpenChange: (o: boolean) => void }) {
  const { t } = useI18n();
  const toast = useToast();
  const invalidate = useInvalidateRequests();
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  const reject = useMutation({
    mutationFn: () => api(`/api/requests/${encodeURIComponent(request.id)}/reject`, { method: "POST", json: { reason: reason.trim() } }),
    onSuccess: () => {
      toast.success(t("admin.queue.rejectedToast"));
      invalidate(request.id);
      onOpenChange(false);
    },
  });
  const apiErr = reject.error;
  const onReason = apiErr && isApiError(apiErr) && fieldMatches(apiErr.field, "reason");
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        onOpenChange(o);
        if (!o) reject.reset();
      }}
      title={t("admin.queue.rejectTitle")}
      description={t("admin.queue.rejectBody")}
      footer={
        <>
          <Button variant="outline" onClick={() => onOpenChange(false)}>
            {t("common.cancel")}
          </Button>
          <Button
            variant="destructive"
            loading={reject.isPending}
            onClick={() => {
              if (!reason.trim()) {
                setMissing(true);
                return;
              }
              reject.mutate();
            }}
          >
            <X aria-hidden />
            {t("admin.queue.reject")}
          </Button>
        </>
      }
    >
      <Field
        label={t("admin.queue.reason")}
        error={missing && !reason.trim() ? t("admin.queue.reasonRequired") : onReason ? errorMessage(apiErr, t) : undefined}
      >
        <Textarea value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t("admin.queue.reasonPlaceholder")} rows={3} autoFocus />
      </Field>
      {apiErr && !onReason ? (
        <Alert tone="danger" live className="mt-4">
          {errorMessage(apiErr, t)}
        </Alert>
      ) : null}
    </Dialog>
  );
}

/** Approve / Reject buttons with their dialogs. */
export function DecisionButtons({ request, size = "sm" }: { request: FulfilmentRequest; size?: "sm" | "default" }) {
  const { t } = useI18n();
  const [approving, setApproving] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  return (
    <>
      <Button size={size} onClick={() => setApproving(true)}>
        <Check aria-hidden />
        {t("admin.queue.approve")}
      </Button>
      <Button size={size} variant="destructive-outline" onClick={() => setRejecting(true)}>
        <X aria-hidden />
        {t("admin.queue.reject")}
      </Button>
      {approving ? <ApproveDialog request={request} open={approving} onOpenChange={setApproving} /> : null}
      {rejecting ? <RejectDialog request={request} open={rejecting} onOpenChange={setRejecting} /> : null}
    </>
  );
}
