//! Desktop backend: one named thread per job, its answer sent through a channel.

use super::{Poll, Progress};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

pub(super) struct Handle<T> {
    receiver: Receiver<T>,
}

pub(super) fn spawn<T: Send + 'static>(
    label: &'static str,
    progress: Arc<Progress>,
    work: impl FnOnce(&Progress) -> T + Send + 'static,
) -> Option<Handle<T>> {
    let (sender, receiver) = channel();
    std::thread::Builder::new()
        .name(label.into())
        .spawn(move || {
            // A window that stopped listening is no reason to fail.
            let _ = sender.send(work(&progress));
        })
        .ok()?;
    Some(Handle { receiver })
}

impl<T> Handle<T> {
    pub(super) fn poll(&mut self) -> Poll<T> {
        match self.receiver.try_recv() {
            Ok(value) => Poll::Done(value),
            Err(TryRecvError::Empty) => Poll::Pending,
            Err(TryRecvError::Disconnected) => Poll::Lost,
        }
    }

    pub(super) fn wait(&mut self) -> Option<T> {
        self.receiver.recv().ok()
    }
}
