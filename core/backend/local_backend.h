#pragma once
// The Backend of the embedded engine: call() runs dispatch(), and the engine-only operations
// (item files, models, live metering, the classroom step-through, serving an endpoint) run on
// the engine itself. The only way from the workbench's widgets to the engine.

#include <memory>

#include "backend/backend.h"

namespace shardscape {

class LocalBackend : public Backend {
  public:
    // `engine` may be null (the data directory could not be opened): every call then fails
    // with "No engine" and no capability is offered.
    explicit LocalBackend(std::shared_ptr<Engine> engine) : engine_(std::move(engine)) {}

    Result<Json> call(std::string_view operation, const Json& request) override;
    std::string description() const override { return "local engine"; }
    std::string endpointUrl() const override { return "http://127.0.0.1:8000"; }
    bool isLocal() const override { return true; }
    BackendCapabilities capabilities() const override;

    // The engine's catalog as it is: its definitions (Time to Live, capacity enforcement and
    // index states included) and the DescribeTable form with the current statistics.
    Result<BackendTables> listTables() override;
    // False while a table waits for a recount too long for the window's thread.
    bool listsTablesAtOnce() const override;
    // Straight from the engine's Scan, as a table browser reads: not charged to the table's
    // capacity meter, so browsing does not show in live metering.
    Result<ItemPage> scanPage(const ItemPageRequest& request) override;
    // The engine's statistics, exact while it is open (a bulk load in progress aside); none
    // while they wait for a recount of more than 100,000 items.
    std::optional<int64_t> exactItemCount(const std::string& table,
                                          const std::string& index) override;

    Result<CapacityEnforcement> capacityEnforcement(const std::string& table) override;
    Result<CapacityRecording> capacityRecording(const std::string& table) override;

    Result<ImportReport> importItemsFromFile(const std::string& table, const std::string& path,
                                             const ImportOptions& options) override;
    Result<ExportReport> exportItems(const std::string& table, std::ostream& out,
                                     const ExportOptions& options) override;

    Result<OpenedModel> openModel(const Model& model, int64_t generateItems) override;
    Result<GenerateReport> generateSampleData(const Model& model,
                                              const GenerateOptions& options) override;

    Result<std::vector<Item>> walkthroughExamples(const std::string& table, int limit) override;
    Result<Walkthrough> walkThrough(const WalkthroughRequest& request) override;

    Result<Engine*> servedEngine() override;
    BackgroundWorkReport backgroundWork() const override;

    const std::shared_ptr<Engine>& engine() const { return engine_; }

  private:
    Result<Engine*> requireEngine() const;

    std::shared_ptr<Engine> engine_;
};

}  // namespace shardscape
