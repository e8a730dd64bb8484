/// The reports every site has; pass your own list to the builder to add or replace one.
public enum BuiltInReports {
    public static let all: [any Report] = [
        IndexReport(), AccountReport(), StatementReport(), WarningsReport(), TeamReport(), WhatIfReport(), NoticePreviewReport(),
    ]
}
