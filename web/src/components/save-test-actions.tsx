import { Trash2 } from "lucide-react";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { useI18n } from "@/i18n";

/**
 * The row under a settings form that is saved, then tested against the outside world, then maybe
 * removed (marketplace credentials, the Telegram chat): Save (submits the form), Test (only once
 * something is saved), and Delete on the right.
 */
export function SaveTestActions(props: {
  saving: boolean;
  saved: boolean;
  testing: boolean;
  onTest: () => void;
  testIcon: ReactNode;
  testLabel: string;
  testingLabel: string;
  saveFirstHint: string;
  deleteLabel: string;
  onDelete: () => void;
}) {
  const { t } = useI18n();
  return (
    <div className="flex flex-wrap items-center gap-2 pt-1">
      <Button type="submit" loading={props.saving}>
        {props.saving ? t("common.saving") : t("common.save")}
      </Button>
      <Button
        type="button"
        variant="outline"
        disabled={!props.saved}
        title={!props.saved ? props.saveFirstHint : undefined}
        loading={props.testing}
        onClick={props.onTest}
      >
        {props.testing ? null : props.testIcon}
        {props.testing ? props.testingLabel : props.testLabel}
      </Button>
      {props.saved ? (
        <Button type="button" variant="ghost" className="text-red-700 hover:bg-red-50 hover:text-red-800 sm:ml-auto" onClick={props.onDelete}>
          <Trash2 aria-hidden />
          {props.deleteLabel}
        </Button>
      ) : null}
    </div>
  );
}
