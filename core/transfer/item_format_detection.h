#pragma once
// Guesses an item file's format from its name and its first bytes, for import dialogs.
//
// The content decides when it is clear: a first JSON object whose only member is "Item" is an
// S3 export line; a first object whose members are all DynamoDB JSON values ({"S": ...},
// {"N": ...}, ...) is DynamoDB JSON; any other object is plain JSON; text that does not start
// with "{" or "[" is CSV. When the content says nothing (an empty file, an empty array), the
// extension decides: .csv (or .tsv) CSV, anything else DynamoDB JSON.

#include <string>
#include <string_view>

#include "base/result.h"
#include "transfer/item_format.h"

namespace shardscape {

// `head` is the beginning of the file (a few KB is plenty; it may end mid-record).
ItemFormat detectItemFormat(std::string_view fileName, std::string_view head);
// Reads the first 64 KB of `path`. Errors: the file cannot be opened.
Result<ItemFormat> detectItemFormatOfFile(const std::string& path);

}  // namespace shardscape
