import Mustache

extension TemplateSyntax {
    /// A sentence for what swift-mustache's parser found wrong, in place of its enum's
    /// case name; anything else it throws is its reader running past the end of the text.
    static func sentence(for error: any Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect:
            "this closing tag names another section than the one open here"
        case .unfinishedName:
            "this tag holds something that is not a name (a name is letters, digits, _, - and .), or it is not closed"
        case .expectedSectionEnd:
            "a section opened in this template is never closed"
        case .invalidSetDelimiter:
            "a tag that changes the delimiters is written {{=<% %>=}}: two delimiters between = signs"
        case .transformAppliedToInheritanceSection:
            "a block tag ({{$name}}) cannot apply a transform"
        case .illegalTokenInsideInheritSection, .textInsideInheritSection:
            "inside a {{<partial}} tag only blocks ({{$name}}…{{/name}}) may appear"
        case .invalidConfigVariableSyntax, .unrecognisedConfigVariable:
            "this {{% }} tag is not one Mustache knows"
        case nil:
            "the template ends inside a tag that is never closed"
        }
    }
}
