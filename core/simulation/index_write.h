#pragma once
// What one base-table write does to a global secondary index's entry, and what that costs.
// AWS ("Using Global Secondary Indexes in DynamoDB", "Write capacity units"): a new entry
// costs one write; an update that changes an indexed key attribute two (delete the old entry,
// put the new one); a change to a projected non-key attribute one; removing the indexed
// attribute (or deleting the item) one; an update that touches neither nothing. Each write is
// sized by the index entry. A workload stream says which kind its writes are, per index.

#include <string>
#include <vector>

#include "base/result.h"
#include "values/attribute_json.h"

namespace shardscape {

enum class IndexWriteKind { NewEntry, KeyChange, ProjectedChange, Untouched, RemoveEntry };

// Index writes one base-table write of `kind` makes: 1, 2, 1, 0, 1.
int indexWriteCount(IndexWriteKind kind);
const char* indexWriteName(IndexWriteKind kind);

struct TableSpec;
enum class StreamOperation;

// A write stream's "indexWrite" member (at `path`): absent (every index gets the default of
// the operation: PutItem newEntry, UpdateItem keyChange, DeleteItem removeEntry), a kind name
// for every index, or an object index name -> kind. One kind per global secondary index of
// `table`, in its order.
Result<std::vector<IndexWriteKind>> readIndexWrites(const Json& stream, const std::string& path,
                                                    const TableSpec& table,
                                                    StreamOperation operation);

}  // namespace shardscape
