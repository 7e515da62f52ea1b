//! A depth-first walk over a parsed entry that builds a JSON Pointer only when asked, so rules
//! that look at every string pay for pointers only where they find something.

use super::Node;
use super::escape_pointer_token;

/// One step of a path: an object key or an array index.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// The path to the value being visited.
pub(crate) struct Path<'v, 'a> {
    steps: &'v [Step<'a>],
}

impl Path<'_, '_> {
    pub(crate) fn pointer(&self) -> String {
        let mut pointer = String::new();
        for step in self.steps {
            pointer.push('/');
            match step {
                Step::Key(key) => pointer.push_str(&escape_pointer_token(key)),
                Step::Index(i) => pointer.push_str(&i.to_string()),
            }
        }
        pointer
    }

    /// The key of the value, when it is an object property.
    pub(crate) fn key(&self) -> Option<&str> {
        match self.steps.last() {
            Some(Step::Key(key)) => Some(key),
            _ => None,
        }
    }
}

/// Calls `visit` for every value, parents before children, in document order. An explicit
/// stack: a walk of our own must never be what overflows on hostile input.
pub(crate) fn walk<'a>(root: &'a Node<'a>, mut visit: impl FnMut(&Path<'_, 'a>, &'a Node<'a>)) {
    enum Frame<'a> {
        Enter(Option<Step<'a>>, &'a Node<'a>),
        Leave,
    }
    let mut steps: Vec<Step<'a>> = Vec::new();
    let mut stack = vec![Frame::Enter(None, root)];
    while let Some(frame) = stack.pop() {
        let (step, value) = match frame {
            Frame::Leave => {
                steps.pop();
                continue;
            }
            Frame::Enter(step, value) => (step, value),
        };
        if let Some(step) = step {
            steps.push(step);
        }
        visit(&Path { steps: &steps }, value);
        if step.is_some() {
            stack.push(Frame::Leave);
        }
        match value {
            Node::Array(items) => {
                for (i, item) in items.iter().enumerate().rev() {
                    stack.push(Frame::Enter(Some(Step::Index(i)), item));
                }
            }
            Node::Object(members) => {
                for (key, item) in members.iter().rev() {
                    stack.push(Frame::Enter(Some(Step::Key(key)), item));
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn visits_in_document_order_with_pointers() {
        let json = json!({ "a": [1, { "b/c": true }], "d": "x" });
        let value = Node::from_value(&json);
        let mut seen = Vec::new();
        walk(&value, |path, _| seen.push(path.pointer()));
        assert_eq!(seen, ["", "/a", "/a/0", "/a/1", "/a/1/b~1c", "/d"]);
    }
}
