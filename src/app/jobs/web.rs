//! Browser backend: a future on the page's own event loop (`spawn_local`), its answer left in a
//! shared slot for the next poll.

use super::Poll;
use std::cell::RefCell;
use std::rc::Rc;

enum Slot<T> {
    Running,
    Done(T),
    Taken,
}

pub(super) struct Handle<T> {
    slot: Rc<RefCell<Slot<T>>>,
}

pub(super) fn spawn<T: 'static>(work: impl std::future::Future<Output = T> + 'static) -> Handle<T> {
    let slot = Rc::new(RefCell::new(Slot::Running));
    let answer = slot.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let value = work.await;
        *answer.borrow_mut() = Slot::Done(value);
    });
    Handle { slot }
}

impl<T> Handle<T> {
    pub(super) fn poll(&mut self) -> Poll<T> {
        let mut slot = self.slot.borrow_mut();
        match std::mem::replace(&mut *slot, Slot::Taken) {
            Slot::Running => {
                *slot = Slot::Running;
                Poll::Pending
            }
            Slot::Done(value) => Poll::Done(value),
            Slot::Taken => Poll::Lost,
        }
    }
}
