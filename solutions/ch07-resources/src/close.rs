//! Exercise `close`: explicit `close().await`, and a `Drop` that never
//! forgets.

use crate::scope::Resource;

/// Owns a resource until it is closed. `None` once the release has been
/// taken, so `Drop` knows there is nothing left to do.
#[derive(Debug)]
pub struct Closing<R: Resource> {
    resource: Option<R>,
}

impl<R: Resource> Closing<R> {
    pub fn new(resource: R) -> Closing<R> {
        Closing {
            resource: Some(resource),
        }
    }

    pub fn get_mut(&mut self) -> &mut R {
        self.resource
            .as_mut()
            .expect("only `close` takes the resource, and it consumes self")
    }

    pub async fn close(mut self) {
        // Taking it out disarms the `Drop` that runs when `self` goes away.
        if let Some(resource) = self.resource.take() {
            resource.release().await;
        }
    }
}

impl<R: Resource> Drop for Closing<R> {
    fn drop(&mut self) {
        let Some(resource) = self.resource.take() else {
            return;
        };
        match tokio::runtime::Handle::try_current() {
            // Inside a runtime: never block its thread; let it run the
            // release as a task of its own.
            Ok(runtime) => {
                runtime.spawn(resource.release());
            }
            // No runtime to hand it to: run it here, to the end.
            Err(_) => tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a current-thread runtime for the release")
                .block_on(resource.release()),
        }
    }
}
