export type Marketplace = "uzum" | "wildberries" | "yandex" | "ozon";
export const MARKETPLACES: readonly Marketplace[] = ["uzum", "wildberries", "yandex", "ozon"] as const;

export type CredentialKind = "api_token" | "client_key" | "api_key" | "cabinet_login";

export interface KindSpec {
  kind: CredentialKind;
  fields: { name: string; secret: boolean; optional?: boolean; autoComplete?: string }[];
}

/** The credential kinds each marketplace takes (API.md), in the order the panel shows them. */
export const CREDENTIAL_KINDS: Record<Marketplace, KindSpec[]> = {
  uzum: [
    {
      kind: "api_token",
      fields: [
        { name: "token", secret: true },
        { name: "shop_id", secret: false },
      ],
    },
    {
      kind: "cabinet_login",
      fields: [
        { name: "login", secret: false, autoComplete: "off" },
        { name: "password", secret: true },
        { name: "totp_secret", secret: true, optional: true },
      ],
    },
  ],
  wildberries: [{ kind: "api_token", fields: [{ name: "token", secret: true }] }],
  ozon: [
    {
      kind: "client_key",
      fields: [
        { name: "client_id", secret: false },
        { name: "api_key", secret: true },
      ],
    },
  ],
  yandex: [
    {
      kind: "api_key",
      fields: [
        { name: "api_key", secret: true },
        { name: "business_id", secret: false },
        { name: "campaign_id", secret: false },
      ],
    },
  ],
};

/** Brand colours for the small marketplace marks (no external logos under our CSP). */
export const MARKETPLACE_STYLE: Record<Marketplace, { mark: string; bg: string; fg: string }> = {
  uzum: { mark: "U", bg: "bg-[#7000ff]", fg: "text-white" },
  wildberries: { mark: "WB", bg: "bg-[#cb11ab]", fg: "text-white" },
  yandex: { mark: "YM", bg: "bg-[#ffcc00]", fg: "text-black" },
  ozon: { mark: "O", bg: "bg-[#005bff]", fg: "text-white" },
};

export function isMarketplace(v: unknown): v is Marketplace {
  return typeof v === "string" && (MARKETPLACES as readonly string[]).includes(v);
}
