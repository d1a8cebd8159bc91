public import InventoryModel

/// A problem in an inventory file, located so the user can go straight to it.
public typealias InventoryFileError = SourceError

/// "Did you mean …?" hints, shared with the policy loaders.
typealias Suggestion = NameSuggestion
