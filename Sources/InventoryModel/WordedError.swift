/// An error a user reads, worded in Vietnamese and English: the CLI prints `text(language)` after
/// `lỗi:` / `error:`, while `description` stays English for logs and the service.
public protocol WordedError: Error {
    func text(_ language: Language) -> String
}

extension SourceError: WordedError {}
