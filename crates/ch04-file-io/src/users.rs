//! Exercise `users`: a JSON round trip through async file I/O.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// One user of the list. Given: use it, do not change it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: u32,
    pub name: String,
    pub email: String,
}

impl User {
    pub fn new(id: u32, name: &str, email: &str) -> User {
        User {
            id,
            name: name.to_string(),
            email: email.to_string(),
        }
    }
}

/// Why a user list could not be saved or loaded, and which file it was.
/// Given: use it, do not change it.
#[derive(Debug)]
pub enum UsersError {
    /// The file could not be read or written.
    Io { path: PathBuf, source: io::Error },
    /// The file was read, but it is not a valid JSON user list.
    Json {
        path: PathBuf,
        source: serde_json::Error,
    },
}

impl fmt::Display for UsersError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UsersError::Io { path, source } => {
                write!(f, "cannot read or write {}: {source}", path.display())
            }
            UsersError::Json { path, source } => {
                write!(f, "{} is not a valid user list: {source}", path.display())
            }
        }
    }
}

impl std::error::Error for UsersError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            UsersError::Io { source, .. } => Some(source),
            UsersError::Json { source, .. } => Some(source),
        }
    }
}

/// Saves `users` to the file at `path` as a JSON array of objects with the
/// fields `id`, `name` and `email`, replacing the file if it exists. Names
/// are stored as they are (`"张三"`, not `"\u5f20\u4e09"`); pretty-printing
/// is welcome.
///
/// ```no_run
/// # use std::path::Path;
/// # use ch04_file_io::users::{User, save_users};
/// # async fn demo() -> Result<(), ch04_file_io::users::UsersError> {
/// let users = [User::new(1, "张三", "zhangsan@example.com")];
/// save_users(Path::new("users.json"), &users).await?;
/// # Ok(())
/// # }
/// ```
pub async fn save_users(path: &Path, users: &[User]) -> Result<(), UsersError> {
    todo!()
}

/// Loads a user list saved by [`save_users`], or written by anyone else in
/// the same JSON shape (any field order, any whitespace).
///
/// A file that cannot be read is [`UsersError::Io`]; a file that is not a
/// JSON user list is [`UsersError::Json`]. Both carry `path`. Never panic
/// on a bad file.
///
/// ```no_run
/// # use std::path::Path;
/// # use ch04_file_io::users::load_users;
/// # async fn demo() -> Result<(), ch04_file_io::users::UsersError> {
/// let users = load_users(Path::new("users.json")).await?;
/// assert_eq!(users[0].name, "张三");
/// # Ok(())
/// # }
/// ```
pub async fn load_users(path: &Path) -> Result<Vec<User>, UsersError> {
    todo!()
}
