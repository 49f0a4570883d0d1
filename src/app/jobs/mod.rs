//! One runner for every background task of the window (file dialogs, loading, saving, autosave,
//! exports, pictures): a [`Job`] is started with its work, reports progress, can be cancelled,
//! and is polled once a frame until its answer is there. Nothing else in `src/app` starts a
//! thread.
//!
//! Two backends behind the one interface:
//! - on the desktop ([`native`]) each job runs on its own named thread and answers through a
//!   channel, so a frame never waits for the disk or a dialog;
//! - in the browser ([`web`]) there are no threads: CPU work given to [`Job::spawn`] runs at once
//!   on the page's thread (the frame that starts it waits for it, and its answer is ready at the
//!   next poll), and work that waits on the browser (a file picker, reading a dropped file) is a
//!   future on the page's event loop (`spawn_local`, [`Job::spawn_future`]).

#[cfg(not(target_arch = "wasm32"))]
mod native;
#[cfg(target_arch = "wasm32")]
mod web;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

/// `Send` where jobs run on threads; anything on the web, where they stay on the page's thread.
#[cfg(not(target_arch = "wasm32"))]
pub trait MaybeSend: Send {}
#[cfg(not(target_arch = "wasm32"))]
impl<T: Send> MaybeSend for T {}
/// `Send` where jobs run on threads; anything on the web, where they stay on the page's thread.
#[cfg(target_arch = "wasm32")]
pub trait MaybeSend {}
#[cfg(target_arch = "wasm32")]
impl<T> MaybeSend for T {}

/// What a running job shares with the window: how far it got and whether it should stop.
#[derive(Debug, Default)]
pub struct Progress {
    cancelled: AtomicBool,
    /// Thousandths done; `u32::MAX` while unknown.
    permille: AtomicU32,
}

impl Progress {
    fn new() -> Self {
        Self {
            cancelled: AtomicBool::new(false),
            permille: AtomicU32::new(u32::MAX),
        }
    }

    /// The work says how far it got (0.0 to 1.0).
    pub fn set(&self, fraction: f32) {
        let permille = (fraction.clamp(0.0, 1.0) * 1000.0).round() as u32;
        self.permille.store(permille, Ordering::Relaxed);
    }

    /// How far the work got, if it says.
    pub fn fraction(&self) -> Option<f32> {
        match self.permille.load(Ordering::Relaxed) {
            u32::MAX => None,
            permille => Some(permille as f32 / 1000.0),
        }
    }

    /// True once the window no longer wants the answer: long work checks this and stops early.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }
}

/// The state of a job when polled.
#[derive(Debug, PartialEq, Eq)]
pub enum Poll<T> {
    /// Still running.
    Pending,
    /// The answer (given once; later polls say [`Poll::Lost`]).
    Done(T),
    /// The work ended without an answer (it panicked), or the answer was already taken.
    Lost,
}

/// A task running in the background, polled each frame.
pub struct Job<T> {
    label: &'static str,
    progress: Arc<Progress>,
    inner: Inner<T>,
}

enum Inner<T> {
    /// The answer was known when the job started (or has been taken: `None`).
    Ready(Option<T>),
    #[cfg(not(target_arch = "wasm32"))]
    Thread(native::Handle<T>),
    #[cfg(target_arch = "wasm32")]
    Local(web::Handle<T>),
}

impl<T: MaybeSend + 'static> Job<T> {
    /// Starts CPU or disk work: on a named thread on the desktop, at once on the web (see the
    /// module notes). `None` if no thread could be started.
    pub fn spawn(
        label: &'static str,
        work: impl FnOnce(&Progress) -> T + MaybeSend + 'static,
    ) -> Option<Self> {
        let progress = Arc::new(Progress::new());
        #[cfg(not(target_arch = "wasm32"))]
        let inner = Inner::Thread(native::spawn(label, progress.clone(), work)?);
        #[cfg(target_arch = "wasm32")]
        let inner = Inner::Ready(Some(work(&progress)));
        Some(Self {
            label,
            progress,
            inner,
        })
    }

    /// Starts work that waits on the browser (a file picker, a file read); its answer arrives
    /// while frames go on.
    #[cfg(target_arch = "wasm32")]
    pub fn spawn_future(
        label: &'static str,
        work: impl std::future::Future<Output = T> + 'static,
    ) -> Self {
        Self {
            label,
            progress: Arc::new(Progress::new()),
            inner: Inner::Local(web::spawn(work)),
        }
    }
}

impl<T> Job<T> {
    /// A job whose answer is already known (given at the next poll, like any other).
    pub fn ready(label: &'static str, value: T) -> Self {
        Self {
            label,
            progress: Arc::new(Progress::new()),
            inner: Inner::Ready(Some(value)),
        }
    }

    /// What the job does, for the status line.
    pub fn label(&self) -> &'static str {
        self.label
    }

    /// How far the work got, if it says.
    pub fn progress(&self) -> Option<f32> {
        self.progress.fraction()
    }

    /// Asks the work to stop; its answer (if any) still arrives and can be ignored.
    pub fn cancel(&self) {
        self.progress.cancel();
    }

    /// Checks without waiting.
    pub fn poll(&mut self) -> Poll<T> {
        match &mut self.inner {
            Inner::Ready(value) => value.take().map_or(Poll::Lost, Poll::Done),
            #[cfg(not(target_arch = "wasm32"))]
            Inner::Thread(handle) => handle.poll(),
            #[cfg(target_arch = "wasm32")]
            Inner::Local(handle) => handle.poll(),
        }
    }

    /// Waits for the answer (before the window closes). On the web nothing can wait: the answer
    /// is given if it is there.
    pub fn wait(mut self) -> Option<T> {
        match &mut self.inner {
            Inner::Ready(value) => value.take(),
            #[cfg(not(target_arch = "wasm32"))]
            Inner::Thread(handle) => handle.wait(),
            #[cfg(target_arch = "wasm32")]
            Inner::Local(handle) => match handle.poll() {
                Poll::Done(value) => Some(value),
                Poll::Pending | Poll::Lost => None,
            },
        }
    }
}

impl<T> Drop for Job<T> {
    /// A job nobody polls any more is asked to stop.
    fn drop(&mut self) {
        self.progress.cancel();
    }
}

impl<T> std::fmt::Debug for Job<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Job").field("label", &self.label).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finish<T: MaybeSend + 'static>(mut job: Job<T>) -> Poll<T> {
        for _ in 0..500 {
            match job.poll() {
                Poll::Pending => std::thread::sleep(std::time::Duration::from_millis(2)),
                other => return other,
            }
        }
        Poll::Pending
    }

    #[test]
    fn a_job_answers_once_then_says_lost() {
        let mut job = Job::spawn("sum", |_| (1..=10).sum::<u32>()).expect("started");
        let mut answer = Poll::Pending;
        for _ in 0..500 {
            answer = job.poll();
            if answer != Poll::Pending {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        assert_eq!(answer, Poll::Done(55));
        assert_eq!(job.poll(), Poll::Lost);
        let mut ready = Job::ready("known", 7);
        assert_eq!(ready.poll(), Poll::Done(7));
        assert_eq!(ready.poll(), Poll::Lost);
    }

    #[test]
    fn a_panicking_job_is_lost_not_a_panic_of_the_window() {
        let job: Job<u32> = Job::spawn("fails", |_| panic!("worker fails")).expect("started");
        assert_eq!(finish(job), Poll::Lost);
    }

    #[test]
    fn cancel_and_progress_reach_the_work() {
        let (go, started) = std::sync::mpsc::channel::<()>();
        let job = Job::spawn("long", move |progress: &Progress| {
            progress.set(0.25);
            let _ = go.send(());
            while !progress.is_cancelled() {
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            "stopped"
        })
        .expect("started");
        started.recv().expect("the work started");
        assert_eq!(job.progress(), Some(0.25));
        assert_eq!(job.label(), "long");
        job.cancel();
        assert_eq!(job.wait(), Some("stopped"));
    }
}
