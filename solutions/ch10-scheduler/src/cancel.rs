//! Exercise `cancel`: stop a task, whether it waits or runs.

use crate::scheduler::TaskHandle;

impl TaskHandle {
    pub fn cancel(&self) -> bool {
        let cancelled = self.shared.lock().cancel(self.name());
        if cancelled {
            // The loop may be asleep until a far deadline: let it look again.
            self.shared.wake();
        }
        cancelled
    }
}
