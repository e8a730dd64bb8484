/// The files a page becomes.
public enum PageOutput: Sendable {
    /// `path.html`, the template filled with the view, through libcmark, in the layout;
    /// and `path.json`, the model.
    case document
    /// `path.html` alone: the HTML part of the expiry notice the notice templates
    /// (`notice.md`, `notice-subject.txt`, `email-layout.html`) make of the view, a
    /// `NoticeView`, as `allot notify` would send it. The model is not written.
    case notice
}
