#pragma once
// Loading and saving model files (`*.shardscape.json`).
//
// saveModel never leaves a half-written file behind: it writes a temporary file beside the
// target, fsyncs it, renames it over the target and fsyncs the directory, so after a crash
// the file holds either the old or the new model. Errors name the file; a syntax error also
// names the line and column, a bad member its path in the model.

#include <string>

#include "base/result.h"
#include "model/model.h"

namespace shardscape {

Result<Model> loadModel(const std::string& path);
Status saveModel(const Model& model, const std::string& path);

// Reads a whole text file (model files, NoSQL Workbench files); errors name the file.
Result<std::string> readTextFile(const std::string& path, size_t maxBytes = 256u << 20);
// Atomically replaces `path` with `contents` (temp file, fsync, rename, fsync directory).
Status writeFileAtomically(const std::string& path, std::string_view contents);

}  // namespace shardscape
