//! Stand-ins for `String`, `Vec<T>`, maps and free-form values in the models' fields. No Rust
//! code holds a body (the schema tables check it and callers get the JSON values), so these
//! only name a field's shape; tsify prints each field's TypeScript from its `type` attribute.

use std::marker::PhantomData;

/// A JSON string.
#[derive(Debug, Clone, Copy)]
pub struct Text;

/// A JSON string the spec types as a date.
#[derive(Debug, Clone, Copy)]
pub struct IsoDate;

/// A JSON array whose elements are each a `T`.
#[derive(Debug)]
pub struct List<T>(PhantomData<T>);

/// A JSON object whose values are each a `T` (keys any string).
#[derive(Debug)]
pub struct Map<T>(PhantomData<T>);

/// Any JSON value.
#[derive(Debug, Clone, Copy)]
pub struct Any;
