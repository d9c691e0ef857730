//! The API's types, field for field as the spec has them. They give the `.d.ts` its types
//! (through tsify) and check request and response bodies (through serde); callers get the JSON
//! values themselves, so unknown fields and enum values pass through unchanged.

mod company;
mod connection;
mod error_message;
mod pagination;
mod requests;

pub use company::*;
pub use connection::*;
pub use error_message::*;
pub use pagination::*;
pub use requests::*;
