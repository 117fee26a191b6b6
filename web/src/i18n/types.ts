export type Lang = "uz" | "ru" | "en";
export const LANGS: readonly Lang[] = ["uz", "ru", "en"] as const;
export const LANG_NAMES: Record<Lang, string> = { uz: "Oʻzbekcha", ru: "Русский", en: "English" };
export const LANG_SHORT: Record<Lang, string> = { uz: "UZ", ru: "RU", en: "EN" };

/** The shape of a message dictionary: the Uzbek one is the source, ru and en must match it. */
export type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
