use std::io::ErrorKind;

use ch04_file_io::users::{User, UsersError, load_users, save_users};
use pretty_assertions::assert_eq;
use support::finishes;

use crate::common::temp_dir;

fn three_users() -> Vec<User> {
    vec![
        User::new(1, "张三", "zhangsan@example.com"),
        User::new(2, "李四", "lisi@example.com"),
        User::new(3, "王五", "wangwu@example.com"),
    ]
}

#[support::test(start_paused = true)]
async fn save_then_load_returns_the_same_users() {
    let dir = temp_dir();
    let path = dir.path().join("users.json");
    finishes(save_users(&path, &three_users()))
        .await
        .expect("save_users() failed");
    let users = finishes(load_users(&path))
        .await
        .expect("load_users() failed on the file save_users() wrote");
    assert_eq!(
        users,
        three_users(),
        "the users, in order, as they were saved"
    );
}

#[support::test(start_paused = true)]
async fn saved_file_is_a_json_array_of_users() {
    let dir = temp_dir();
    let path = dir.path().join("users.json");
    finishes(save_users(&path, &three_users()))
        .await
        .expect("save_users() failed");
    let text = tokio::fs::read_to_string(&path)
        .await
        .expect("save_users() did not write a UTF-8 file");
    let json: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| {
        panic!("the saved file is not JSON ({e}); write it with serde_json:\n{text}")
    });
    let expected = serde_json::json!([
        { "id": 1, "name": "张三", "email": "zhangsan@example.com" },
        { "id": 2, "name": "李四", "email": "lisi@example.com" },
        { "id": 3, "name": "王五", "email": "wangwu@example.com" },
    ]);
    assert_eq!(
        json, expected,
        "the file must be a JSON array of objects with the fields id, name and email"
    );
    assert!(
        text.contains("张三"),
        "names must be stored as they are, not as \\u escapes:\n{text}"
    );
}

#[support::test(start_paused = true)]
async fn saving_replaces_a_longer_old_list() {
    let dir = temp_dir();
    let path = dir.path().join("users.json");
    finishes(save_users(&path, &three_users()))
        .await
        .expect("save_users() failed");
    let one = [User::new(9, "赵六", "zhaoliu@example.com")];
    finishes(save_users(&path, &one))
        .await
        .expect("save_users() failed on an existing file");
    let users = finishes(load_users(&path)).await.unwrap_or_else(|e| {
        panic!(
            "after saving a shorter list over a longer one, loading failed: {e}\n\
             Is the old list's tail still in the file? Saving must replace the whole file."
        )
    });
    assert_eq!(users, one, "the file holds the last list saved, only");
}

#[support::test(start_paused = true)]
async fn loads_a_file_written_by_hand() {
    let dir = temp_dir();
    let path = dir.path().join("hand.json");
    let by_hand = r#"[
        {
            "email": "lisi@example.com",
            "name": "李四",
            "id": 2
        },
        {"name":"张三","id":1,"email":"zhangsan@example.com"}
    ]"#;
    tokio::fs::write(&path, by_hand)
        .await
        .expect("cannot write the test file");
    let users = finishes(load_users(&path)).await.expect(
        "load_users() must accept any JSON of the right shape: any field order, any whitespace",
    );
    assert_eq!(
        users,
        [
            User::new(2, "李四", "lisi@example.com"),
            User::new(1, "张三", "zhangsan@example.com"),
        ],
        "every user of the file, in the file's order"
    );
}

#[support::test(start_paused = true)]
async fn bad_json_is_a_json_error_with_the_path() {
    let dir = temp_dir();
    let path = dir.path().join("broken.json");
    tokio::fs::write(&path, r#"[{"id": 1, "name": "张三", "#)
        .await
        .expect("cannot write the test file");
    match finishes(load_users(&path)).await {
        Err(UsersError::Json { path: at, .. }) => assert_eq!(
            at, path,
            "UsersError::Json must carry the path of the file that was loaded"
        ),
        Err(other) => panic!(
            "a file that is not a JSON user list is UsersError::Json (from the serde_json \
             error), got {other:?}"
        ),
        Ok(users) => panic!("load_users() of broken JSON returned {users:?}: it must fail"),
    }
}

#[support::test(start_paused = true)]
async fn missing_file_is_an_io_error_with_the_path() {
    let dir = temp_dir();
    let path = dir.path().join("nobody.json");
    match finishes(load_users(&path)).await {
        Err(UsersError::Io { path: at, source }) => {
            assert_eq!(
                at, path,
                "UsersError::Io must carry the path of the file that was loaded"
            );
            assert_eq!(
                source.kind(),
                ErrorKind::NotFound,
                "UsersError::Io keeps the original io::Error as its source"
            );
        }
        Err(other) => panic!("a file that cannot be read is UsersError::Io, got {other:?}"),
        Ok(users) => panic!(
            "load_users() of a missing file returned {users:?}: it must fail, not \
             pretend the list is empty"
        ),
    }
}
