//! Helpers shared by this chapter's tests. No tests here.

use std::any::Any;

/// The text of a panic, when it has one.
pub fn panic_text(panic: &(dyn Any + Send)) -> String {
    if let Some(text) = panic.downcast_ref::<&str>() {
        text.to_string()
    } else if let Some(text) = panic.downcast_ref::<String>() {
        text.clone()
    } else {
        String::new()
    }
}
