import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { lazy, Suspense, useEffect, useState, type ComponentType } from "react";
import { Redirect, Route, Switch, useLocation, useSearch } from "wouter";
import { fetchSession, ME_KEY, sessionEnded, useSession, wasSignedIn } from "./auth/session";
import { AppShell } from "./components/layout";
import { FullPageSpinner, LoadingState } from "./components/states";
import { ToastProvider } from "./components/ui/toast";
import { I18nProvider } from "./i18n";
import { isApiError, onUnauthorized, setCsrfRefresher } from "./lib/api";
import LoginPage, { safeNext } from "./pages/auth/Login";
import RegisterPage from "./pages/auth/Register";
import { ForbiddenPage, NotFoundPage } from "./pages/shared/NotFound";
import ProductsPage from "./pages/partner/Products";
import ProductNewPage from "./pages/partner/ProductNew";
import ProductDetailPage from "./pages/partner/ProductDetail";
import CredentialsPage from "./pages/partner/Credentials";
import NotificationsPage from "./pages/partner/Notifications";
import CompetitorsPage from "./pages/partner/Competitors";
import OrdersPage from "./pages/partner/Orders";
import PublishedPage from "./pages/partner/Published";
import RequestsPage from "./pages/shared/Requests";
import RequestDetailPage from "./pages/shared/RequestDetail";
import CardPage from "./pages/shared/CardPreview";

// Admin pages (and recharts with them) load only when an admin opens them.
const AdminQueuePage = lazy(() => import("./pages/admin/Queue"));
const AdminPartnersPage = lazy(() => import("./pages/admin/Partners"));
const AdminJobsPage = lazy(() => import("./pages/admin/Jobs"));
const AdminStatsPage = lazy(() => import("./pages/admin/Stats"));
const AdminAuditPage = lazy(() => import("./pages/admin/Audit"));
const AdminBusinessPage = lazy(() => import("./pages/billing/AdminBusiness"));
const EconomicsPage = lazy(() => import("./pages/billing/Economics"));
const PartnerBillingPage = lazy(() => import("./pages/billing/PartnerBilling"));

function makeQueryClient(): QueryClient {
  let qc: QueryClient;
  const on401 = (e: unknown) => {
    if (isApiError(e) && e.status === 401) sessionEnded(qc);
  };
  qc = new QueryClient({
    queryCache: new QueryCache({ onError: on401 }),
    mutationCache: new MutationCache({ onError: on401 }),
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        refetchOnWindowFocus: false,
        // Retry only what may pass next time: network faults and 5xx, never 4xx.
        retry: (count, e) => (isApiError(e) && e.status >= 400 && e.status < 500 ? false : count < 2),
      },
      mutations: { retry: false },
    },
  });
  return qc;
}

function useInstallApiHooks(qc: QueryClient) {
  useEffect(() => {
    onUnauthorized(() => sessionEnded(qc));
    setCsrfRefresher(async () => {
      const s = await fetchSession();
      qc.setQueryData(ME_KEY, s);
      return s?.csrf_token ?? null;
    });
    return () => {
      onUnauthorized(null);
      setCsrfRefresher(null);
    };
  }, [qc]);
}

function Page({ component: C, admin }: { component: ComponentType; admin?: boolean }) {
  const { data } = useSession();
  if (admin && data?.user.role !== "admin") return <ForbiddenPage />;
  return (
    <Suspense fallback={<LoadingState />}>
      <C />
    </Suspense>
  );
}

/** Signed in while on /login (say, the session check answered late): go where the person was heading. */
function AfterSignIn() {
  const search = useSearch();
  const next = safeNext(new URLSearchParams(search).get("next"));
  return next === "/" ? <Home /> : <Redirect to={next} replace />;
}

function Home() {
  const { data } = useSession();
  return <Redirect to={data?.user.role === "admin" ? "/admin/requests" : "/products"} replace />;
}

function Routes() {
  const session = useSession();
  const [location] = useLocation();

  // A spinner only for a returning user, and only until the first answer; later refetches keep the
  // page (no flicker, no loop). Anyone else gets the sign-in page at once.
  if (session.isPending && session.errorUpdateCount === 0 && wasSignedIn()) return <FullPageSpinner />;

  // Signed out, or the server could not tell us (then the sign-in page says so and offers a retry).
  if (!session.data) {
    return (
      <Switch>
        <Route path="/login" component={LoginPage} />
        <Route path="/register" component={RegisterPage} />
        <Route>
          <Redirect to={location === "/" ? "/login" : `/login?next=${encodeURIComponent(location)}`} replace />
        </Route>
      </Switch>
    );
  }

  const admin = session.data.user.role === "admin";
  return (
    <AppShell>
      <Switch>
        <Route path="/" component={Home} />
        <Route path="/login">
          <AfterSignIn />
        </Route>
        <Route path="/register">
          <Home />
        </Route>
        <Route path="/products">{admin ? <ForbiddenPartnerOnly /> : <Page component={ProductsPage} />}</Route>
        <Route path="/products/new">{admin ? <ForbiddenPartnerOnly /> : <Page component={ProductNewPage} />}</Route>
        <Route path="/products/:id">{admin ? <ForbiddenPartnerOnly /> : <Page component={ProductDetailPage} />}</Route>
        <Route path="/published">{admin ? <ForbiddenPartnerOnly /> : <Page component={PublishedPage} />}</Route>
        <Route path="/credentials">{admin ? <ForbiddenPartnerOnly /> : <Page component={CredentialsPage} />}</Route>
        <Route path="/economics">{admin ? <ForbiddenPartnerOnly /> : <Page component={EconomicsPage} />}</Route>
        <Route path="/billing">{admin ? <ForbiddenPartnerOnly /> : <Page component={PartnerBillingPage} />}</Route>
        <Route path="/notifications">{admin ? <ForbiddenPartnerOnly /> : <Page component={NotificationsPage} />}</Route>
        <Route path="/orders">{admin ? <ForbiddenPartnerOnly /> : <Page component={OrdersPage} />}</Route>
        <Route path="/competitors">{admin ? <ForbiddenPartnerOnly /> : <Page component={CompetitorsPage} />}</Route>
        <Route path="/requests">
          <Page component={RequestsPage} />
        </Route>
        <Route path="/requests/:id">
          <Page component={RequestDetailPage} />
        </Route>
        <Route path="/cards/:id">
          <Page component={CardPage} />
        </Route>
        <Route path="/admin/requests">
          <Page component={AdminQueuePage} admin />
        </Route>
        <Route path="/admin/partners">
          <Page component={AdminPartnersPage} admin />
        </Route>
        <Route path="/admin/jobs">
          <Page component={AdminJobsPage} admin />
        </Route>
        <Route path="/admin/stats">
          <Page component={AdminStatsPage} admin />
        </Route>
        <Route path="/admin/audit">
          <Page component={AdminAuditPage} admin />
        </Route>
        <Route path="/admin/business">
          <Page component={AdminBusinessPage} admin />
        </Route>
        <Route component={NotFoundPage} />
      </Switch>
    </AppShell>
  );
}

/** Admins have no products of their own: send them to the admin start page. */
function ForbiddenPartnerOnly() {
  return <Redirect to="/admin/requests" replace />;
}

export function App() {
  const [qc] = useState(makeQueryClient);
  useInstallApiHooks(qc);
  return (
    <QueryClientProvider client={qc}>
      <I18nProvider>
        <ToastProvider>
          <Routes />
        </ToastProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
}
