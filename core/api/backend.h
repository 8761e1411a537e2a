#pragma once
// Where the workbench's requests go: the embedded engine (through dispatch) or a remote
// endpoint (remote/remote_backend.h). Both take the same operation name and request JSON and
// give the same response JSON, so the data view, the query builder and the table list work
// against either. Calls may block (a network round trip): callers on a GUI thread make them
// off it.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "schema/table_definition.h"
#include "storage/engine.h"
#include "values/attribute_json.h"

namespace shardscape {

class Backend {
  public:
    virtual ~Backend() = default;
    // Thread-safe.
    virtual Result<Json> call(std::string_view operation, const Json& request) = 0;
    // "local engine" or the endpoint URL.
    virtual std::string description() const = 0;
    virtual bool isLocal() const { return false; }
};

class LocalBackend : public Backend {
  public:
    explicit LocalBackend(std::shared_ptr<Engine> engine) : engine_(std::move(engine)) {}
    Result<Json> call(std::string_view operation, const Json& request) override;
    std::string description() const override { return "local engine"; }
    bool isLocal() const override { return true; }
    const std::shared_ptr<Engine>& engine() const { return engine_; }

  private:
    std::shared_ptr<Engine> engine_;
};

// A backend and its tables as they were when listed (the GUI lists them off its thread and
// then shows them): each table's definition and DescribeTable's "Table" object.
struct BackendTables {
    std::shared_ptr<Backend> backend;
    std::vector<std::shared_ptr<const TableDefinition>> tables;
    std::vector<Json> descriptions;  // same order

    std::shared_ptr<const TableDefinition> find(const std::string& name) const;
};

// Lists the backend's tables and describes each.
Result<BackendTables> loadBackendTables(std::shared_ptr<Backend> backend);

// Every table name, following ListTables' pages.
Result<std::vector<std::string>> listAllTables(Backend& backend);

// DescribeTable's "Table" object for `table`.
Result<Json> describeTable(Backend& backend, const std::string& table);

// A TableDescription (as DescribeTable and CreateTable return it) as a table definition: the
// name, attribute definitions, keys, billing, capacity and indexes (statistics are not kept).
Result<TableDefinition> tableDefinitionFromDescription(const Json& description);

}  // namespace shardscape
