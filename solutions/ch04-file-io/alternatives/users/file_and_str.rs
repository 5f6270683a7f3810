//! Exercise `users`: compact JSON, written and read as text.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tokio::fs::{self, File};
use tokio::io::AsyncWriteExt;

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

/// Compact JSON is valid JSON too; the file is created (truncated) first.
pub async fn save_users(path: &Path, users: &[User]) -> Result<(), UsersError> {
    let json = serde_json::to_string(users).map_err(|source| UsersError::Json {
        path: path.to_path_buf(),
        source,
    })?;
    let written = async {
        let mut file = File::create(path).await?;
        file.write_all(json.as_bytes()).await?;
        file.flush().await
    };
    written.await.map_err(|source| UsersError::Io {
        path: path.to_path_buf(),
        source,
    })
}

pub async fn load_users(path: &Path) -> Result<Vec<User>, UsersError> {
    let text = fs::read_to_string(path)
        .await
        .map_err(|source| UsersError::Io {
            path: path.to_path_buf(),
            source,
        })?;
    serde_json::from_str(&text).map_err(|source| UsersError::Json {
        path: path.to_path_buf(),
        source,
    })
}
