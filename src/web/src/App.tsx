import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Loading } from './components/Loading';
import { SIGN_IN_PATH, useSession } from './auth/session';
import { AppLayout } from './components/AppLayout';
import { loadDocumentView, loadHome } from './lib/preload';

// Each screen is its own chunk: signing in loads only what the sign-in form needs.
const SignIn = lazy(() => import('./pages/SignIn'));
const Home = lazy(loadHome);
const IncomingList = lazy(() => import('./pages/IncomingList'));
const AssignmentList = lazy(() => import('./pages/AssignmentList'));
const Receive = lazy(() => import('./pages/Receive'));
const DocumentView = lazy(loadDocumentView);
const Direct = lazy(() => import('./pages/Direct'));
const OutgoingList = lazy(() => import('./pages/OutgoingList'));
const NewDraft = lazy(() => import('./pages/NewDraft'));
const DraftView = lazy(() => import('./pages/DraftView'));
const UnitWork = lazy(() => import('./pages/UnitWork'));
const Reports = lazy(() => import('./pages/Reports'));
const AwaitingOpinion = lazy(() => import('./pages/AwaitingOpinion'));
const NotFound = lazy(() => import('./pages/NotFound'));

const loading = <Loading label="Đang tải" padded />;

function RequireSession({ children }: { children: ReactNode }) {
  const { me, loading: pending } = useSession();
  const location = useLocation();
  if (pending) return loading;
  if (!me) return <Navigate to={`${SIGN_IN_PATH}?tiep=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <AppLayout>{children}</AppLayout>;
}

export function App() {
  const signedIn = (el: ReactNode) => <RequireSession>{el}</RequireSession>;
  return (
    <Suspense fallback={loading}>
      <Routes>
        <Route path={SIGN_IN_PATH} element={<SignIn />} />
        <Route path="/" element={signedIn(<Home />)} />
        <Route path="/van-ban-den" element={signedIn(<IncomingList />)} />
        <Route path="/van-ban-den/tiep-nhan" element={signedIn(<Receive />)} />
        <Route path="/cong-viec" element={signedIn(<AssignmentList />)} />
        <Route path="/van-ban/:id" element={signedIn(<DocumentView />)} />
        <Route path="/van-ban/:id/but-phe" element={signedIn(<Direct />)} />
        <Route path="/cong-viec/:id/giao" element={signedIn(<Direct reassign />)} />
        <Route path="/van-ban-di" element={signedIn(<OutgoingList />)} />
        <Route path="/du-thao/moi" element={signedIn(<NewDraft />)} />
        <Route path="/du-thao/:id" element={signedIn(<DraftView />)} />
        <Route path="/don-vi" element={signedIn(<UnitWork />)} />
        <Route path="/don-vi/:id" element={signedIn(<UnitWork />)} />
        <Route path="/bao-cao" element={signedIn(<Reports />)} />
        <Route path="/cho-y-kien" element={signedIn(<AwaitingOpinion />)} />
        <Route path="*" element={signedIn(<NotFound />)} />
      </Routes>
    </Suspense>
  );
}
