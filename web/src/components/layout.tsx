import {
  Activity,
  BarChart3,
  BellRing,
  Building2,
  Calculator,
  ClipboardList,
  Inbox,
  KeyRound,
  ListChecks,
  LogOut,
  Menu,
  Package,
  Receipt,
  ScrollText,
  ShoppingCart,
  Store,
  Swords,
  Wallet,
  type LucideIcon,
} from "lucide-react";
import { useEffect, useState, type ReactNode } from "react";
import { Link, useLocation } from "wouter";
import { useLogout, useSession } from "@/auth/session";
import { useI18n, type MessageKey } from "@/i18n";
import { cn } from "@/lib/utils";
import { Brand } from "./brand";
import { LanguageMenu, LanguageSegmented } from "./language-switcher";
import { Button } from "./ui/button";
import { Dialog } from "./ui/dialog";

interface NavItem {
  href: string;
  label: MessageKey;
  icon: LucideIcon;
}
interface NavSection {
  title: MessageKey;
  items: NavItem[];
}

const PARTNER_NAV: NavSection[] = [
  {
    title: "nav.partnerSection",
    items: [
      { href: "/products", label: "nav.products", icon: Package },
      { href: "/requests", label: "nav.requests", icon: ClipboardList },
      { href: "/published", label: "nav.published", icon: Store },
      { href: "/orders", label: "nav.orders", icon: ShoppingCart },
      { href: "/competitors", label: "nav.competitors", icon: Swords },
      { href: "/credentials", label: "nav.credentials", icon: KeyRound },
      { href: "/economics", label: "nav.economics", icon: Calculator },
      { href: "/billing", label: "nav.billing", icon: Receipt },
      { href: "/notifications", label: "nav.notifications", icon: BellRing },
    ],
  },
];

const ADMIN_NAV: NavSection[] = [
  {
    title: "nav.adminSection",
    items: [
      { href: "/admin/requests", label: "nav.adminQueue", icon: Inbox },
      { href: "/requests", label: "nav.allRequests", icon: ListChecks },
      { href: "/admin/partners", label: "nav.partners", icon: Building2 },
      { href: "/admin/jobs", label: "nav.jobs", icon: Activity },
      { href: "/admin/stats", label: "nav.stats", icon: BarChart3 },
      { href: "/admin/business", label: "nav.business", icon: Wallet },
      { href: "/admin/audit", label: "nav.audit", icon: ScrollText },
    ],
  },
];

function isActive(location: string, href: string) {
  return location === href || location.startsWith(href + "/");
}

function NavLinks({ sections, onNavigate }: { sections: NavSection[]; onNavigate?: () => void }) {
  const { t } = useI18n();
  const [location] = useLocation();
  return (
    <nav aria-label={t("nav.mainNavigation")} className="flex flex-col gap-6">
      {sections.map((section) => (
        <div key={section.title}>
          <p className="mb-1.5 px-3 text-[11px] font-semibold tracking-wider text-zinc-600 uppercase">{t(section.title)}</p>
          <ul className="flex flex-col gap-0.5">
            {section.items.map((item) => {
              const active = isActive(location, item.href);
              const Icon = item.icon;
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    onClick={onNavigate}
                    aria-current={active ? "page" : undefined}
                    className={cn(
                      "flex items-center gap-2.5 rounded-md px-3 py-2 text-sm font-medium transition-colors",
                      active ? "bg-white text-zinc-900 shadow-xs ring-1 ring-zinc-200" : "text-zinc-600 hover:bg-zinc-200/50 hover:text-zinc-900",
                    )}
                  >
                    <Icon className={cn("size-4", active ? "text-brand-600" : "text-zinc-400")} aria-hidden />
                    {t(item.label)}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}

function UserBlock() {
  const session = useSession().data;
  const user = session?.user;
  const company = session?.partner?.company;
  const { t } = useI18n();
  const logout = useLogout();
  const [, navigate] = useLocation();
  if (!user) return null;
  return (
    <div className="flex items-center gap-2 rounded-lg border border-zinc-200 bg-white p-2.5">
      <span
        aria-hidden
        className="flex size-8 shrink-0 items-center justify-center rounded-full bg-brand-100 text-sm font-semibold text-brand-700 uppercase"
      >
        {user.email.slice(0, 1)}
      </span>
      <div className="min-w-0 flex-1">
        <p className="sr-only">{t("common.signedInAs")}</p>
        <p className="truncate text-sm font-medium text-zinc-900" title={user.email}>
          {user.email}
        </p>
        <p className="truncate text-xs text-zinc-500">{company ? company : t(user.role === "admin" ? "roles.admin" : "roles.partner")}</p>
      </div>
      <Button
        variant="ghost"
        size="icon-sm"
        aria-label={t("common.signOut")}
        title={t("common.signOut")}
        loading={logout.isPending}
        onClick={() => logout.mutate(undefined, { onSettled: () => navigate("/login") })}
      >
        {logout.isPending ? null : <LogOut aria-hidden />}
      </Button>
    </div>
  );
}

export function AppShell({ children }: { children: ReactNode }) {
  const user = useSession().data?.user;
  const { t } = useI18n();
  const [menuOpen, setMenuOpen] = useState(false);
  const [location] = useLocation();
  const sections = user?.role === "admin" ? ADMIN_NAV : PARTNER_NAV;

  useEffect(() => {
    setMenuOpen(false);
    window.scrollTo(0, 0);
  }, [location]);

  return (
    <div className="min-h-dvh lg:grid lg:grid-cols-[15.5rem_1fr]">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium text-brand-700 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        {t("common.skipToContent")}
      </a>

      {/* Desktop sidebar */}
      <aside className="sticky top-0 hidden h-dvh flex-col gap-6 border-r border-zinc-200 bg-zinc-100/60 px-3 py-5 lg:flex">
        <Link href="/" className="rounded-md px-3">
          <Brand />
        </Link>
        <div className="min-h-0 flex-1 overflow-y-auto">
          <NavLinks sections={sections} />
        </div>
        <div className="flex flex-col gap-3">
          <LanguageSegmented className="self-start" />
          <UserBlock />
        </div>
      </aside>

      {/* Phone / tablet top bar */}
      <header className="sticky top-0 z-30 flex h-14 items-center justify-between gap-2 border-b border-zinc-200 bg-white/90 px-3 backdrop-blur lg:hidden">
        <div className="flex items-center gap-1">
          <Button variant="ghost" size="icon" aria-label={t("common.openMenu")} aria-expanded={menuOpen} onClick={() => setMenuOpen(true)}>
            <Menu className="size-5" aria-hidden />
          </Button>
          <Link href="/" className="rounded-md">
            <Brand />
          </Link>
        </div>
        <LanguageMenu />
      </header>

      <Dialog open={menuOpen} onOpenChange={setMenuOpen} title={t("common.menu")} placement="left" hideTitle className="bg-zinc-50">
        <div className="flex h-full flex-col gap-6">
          <Brand />
          <div className="flex-1">
            <NavLinks sections={sections} onNavigate={() => setMenuOpen(false)} />
          </div>
          <UserBlock />
        </div>
      </Dialog>

      <main id="main" tabIndex={-1} className="min-w-0 outline-none">
        {children}
      </main>
    </div>
  );
}
