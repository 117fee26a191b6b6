import { ImagePlus, Loader2, AlertCircle } from "lucide-react";
import { useEffect, useRef, useState, type DragEvent } from "react";
import { useI18n } from "@/i18n";
import { assetUrl, uploadFile } from "@/lib/api";
import { errorMessage } from "@/lib/errors";
import { cn } from "@/lib/utils";
import { Progress } from "./ui/progress";

export const MAX_PHOTOS = 15;
export const MAX_PHOTO_BYTES = 20 * 1024 * 1024;
export const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"];

interface Pending {
  key: number;
  name: string;
  preview: string;
  progress: number;
  error?: string;
}

/** Checks files before upload: type, size and the 15-photo limit. Returns accepted files and messages. */
export function screenPhotos(files: File[], existing: number, msg: { tooLarge: (n: string) => string; wrongType: (n: string) => string; tooMany: string }) {
  const accepted: File[] = [];
  const problems: string[] = [];
  for (const f of files) {
    if (!PHOTO_TYPES.includes(f.type)) problems.push(msg.wrongType(f.name));
    else if (f.size > MAX_PHOTO_BYTES) problems.push(msg.tooLarge(f.name));
    else accepted.push(f);
  }
  const room = Math.max(0, MAX_PHOTOS - existing);
  if (accepted.length > room) {
    problems.push(msg.tooMany);
    accepted.length = room;
  }
  return { accepted, problems };
}

export function PhotoUploader({
  productId,
  productName,
  photos,
  onUploaded,
}: {
  productId: string;
  productName: string;
  photos: string[];
  onUploaded: (assetIds: string[]) => void;
}) {
  const { t } = useI18n();
  const [dragging, setDragging] = useState(false);
  const [pending, setPending] = useState<Pending[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const inputRef = useRef<HTMLInputElement>(null);
  const keyRef = useRef(1);
  const previews = useRef<string[]>([]);

  useEffect(
    () => () => {
      for (const url of previews.current) URL.revokeObjectURL(url);
    },
    [],
  );

  async function handleFiles(list: FileList | File[]) {
    const files = Array.from(list);
    const inFlight = pending.filter((p) => !p.error).length;
    const { accepted, problems: found } = screenPhotos(files, photos.length + inFlight, {
      tooLarge: (name) => t("photos.tooLarge", { name }),
      wrongType: (name) => t("photos.wrongType", { name }),
      tooMany: t("photos.tooMany"),
    });
    setProblems(found);
    if (accepted.length === 0) return;
    const batch = accepted.map((file) => {
      const preview = URL.createObjectURL(file);
      previews.current.push(preview);
      return { file, item: { key: keyRef.current++, name: file.name, preview, progress: 0 } as Pending };
    });
    setPending((p) => [...p, ...batch.map((b) => b.item)]);
    const uploaded: string[] = [];
    // One at a time keeps order and spares a slow connection.
    for (const { file, item } of batch) {
      try {
        const res = await uploadFile<{ asset_id?: string; id?: string }>(
          `/api/products/${encodeURIComponent(productId)}/photos`,
          file,
          (f) => setPending((list) => list.map((x) => (x.key === item.key ? { ...x, progress: Math.round(f * 100) } : x))),
        );
        const id = res?.asset_id ?? res?.id;
        if (id) uploaded.push(id);
        setPending((list) => list.filter((x) => x.key !== item.key));
      } catch (e) {
        const message = t("photos.failed", { name: file.name, message: errorMessage(e, t) });
        setPending((list) => list.map((x) => (x.key === item.key ? { ...x, error: message } : x)));
      }
    }
    if (uploaded.length) onUploaded(uploaded);
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    if (e.dataTransfer.files?.length) void handleFiles(e.dataTransfer.files);
  }

  const full = photos.length >= MAX_PHOTOS;

  return (
    <div className="flex flex-col gap-4">
      <div
        onDragOver={(e) => {
          e.preventDefault();
          if (!full) setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={cn(
          "relative flex flex-col items-center justify-center gap-2 rounded-xl border-2 border-dashed px-4 py-8 text-center transition-colors",
          dragging ? "border-brand-500 bg-brand-50" : "border-zinc-300 bg-zinc-50/50",
          full && "opacity-60",
        )}
      >
        <span className="flex size-10 items-center justify-center rounded-full bg-white text-brand-600 shadow-sm ring-1 ring-zinc-200">
          <ImagePlus className="size-5" aria-hidden />
        </span>
        <p className="text-sm font-medium text-zinc-900">{t("photos.dropTitle")}</p>
        <p className="text-sm text-zinc-600">
          {t("photos.dropOr")}{" "}
          <button
            type="button"
            disabled={full}
            onClick={() => inputRef.current?.click()}
            className="cursor-pointer rounded font-medium text-brand-700 underline-offset-4 hover:underline disabled:cursor-not-allowed"
          >
            {t("photos.browse")}
          </button>
        </p>
        <p className="text-xs text-zinc-500">{t("photos.limits")}</p>
        <input
          ref={inputRef}
          type="file"
          accept={PHOTO_TYPES.join(",")}
          multiple
          className="sr-only"
          tabIndex={-1}
          aria-hidden
          onChange={(e) => {
            if (e.target.files?.length) void handleFiles(e.target.files);
            e.target.value = "";
          }}
        />
      </div>

      {problems.length ? (
        <ul role="alert" className="flex flex-col gap-1 rounded-lg border border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800">
          {problems.map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      ) : null}

      {photos.length === 0 && pending.length === 0 ? (
        <p className="text-sm text-zinc-500">{t("photos.none")}</p>
      ) : (
        <ul className="grid grid-cols-3 gap-3 sm:grid-cols-4 lg:grid-cols-5" aria-label={t("photos.title")}>
          {photos.map((id, i) => (
            <li key={id} className="group relative aspect-square overflow-hidden rounded-lg border border-zinc-200 bg-zinc-100">
              <a href={assetUrl(id)} target="_blank" rel="noreferrer" className="block size-full">
                <img src={assetUrl(id)} alt={t("photos.alt", { name: productName, n: i + 1 })} loading="lazy" className="size-full object-cover transition-transform group-hover:scale-105" />
              </a>
              {i === 0 ? (
                <span className="absolute top-1.5 left-1.5 rounded bg-zinc-900/75 px-1.5 py-0.5 text-[10px] font-medium text-white">1</span>
              ) : null}
            </li>
          ))}
          {pending.map((p) => (
            <li key={p.key} className="relative aspect-square overflow-hidden rounded-lg border border-zinc-200 bg-zinc-100">
              <img src={p.preview} alt="" className={cn("size-full object-cover", !p.error && "opacity-50")} />
              <div className="absolute inset-x-2 bottom-2">
                {p.error ? (
                  <span className="flex items-center gap-1 rounded bg-red-600 px-1.5 py-0.5 text-[10px] font-medium text-white" title={p.error}>
                    <AlertCircle className="size-3" aria-hidden />
                    <span className="truncate">{p.error}</span>
                  </span>
                ) : (
                  <>
                    <span className="mb-1 flex items-center gap-1 text-[10px] font-medium text-zinc-800">
                      <Loader2 className="size-3 animate-spin" aria-hidden />
                      {t("photos.uploading")}
                    </span>
                    <Progress value={p.progress} aria-label={`${p.name}: ${p.progress}%`} className="h-1.5 bg-white/70" />
                  </>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
