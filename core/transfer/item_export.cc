#include "transfer/item_export.h"

#include <map>

#include "transfer/csv_item_codec.h"
#include "transfer/plain_json.h"
#include "values/attribute_json.h"

namespace shardscape {

namespace {

// Calls visit(item) for every item of the table, page by page; stops when visit returns
// false.
Status forEachItem(const Engine& engine, const std::string& table, const std::string& index,
                   const std::function<Status(const Item&, bool& stop)>& visit) {
    std::optional<Item> start;
    while (true) {
        ScanSpec spec;
        spec.tableName = table;
        if (!index.empty()) spec.indexName = index;
        spec.exclusiveStartKey = start;
        auto page = engine.scan(spec);
        if (!page) return page.error();
        for (const auto& stored : page->items) {
            auto item = stored.decode();
            if (!item) return item.error();
            bool stop = false;
            SHARDSCAPE_TRY(visit(*item, stop));
            if (stop) return {};
        }
        if (!page->lastEvaluatedKey) return {};
        start = page->lastEvaluatedKey;
    }
}

std::string columnType(ValueType type) {
    switch (type) {
        case ValueType::S:
        case ValueType::N:
        case ValueType::B:
        case ValueType::BOOL:
        case ValueType::NUL:
            return std::string(valueTypeName(type));
        default:
            return "DDB";
    }
}

}  // namespace

Result<ExportReport> exportItems(const Engine& engine, const std::string& table, std::ostream& out,
                                 const ExportOptions& options) {
    auto definition = engine.table(table);
    if (!definition)
        return Error{ErrorType::ResourceNotFound,
                     "Requested resource not found: Table: " + table + " not found"};
    if (!options.indexName.empty() && !definition->findIndex(options.indexName))
        return validationError("The table does not have the specified index: " + options.indexName);
    ExportReport report;
    std::vector<std::pair<std::string, std::string>> columns;
    if (options.format == ItemFormat::Csv) {
        std::map<std::string, std::string> types;
        SHARDSCAPE_TRY(forEachItem(
            engine, table, options.indexName, [&](const Item& item, bool& stop) -> Status {
                stop = options.cancel && options.cancel->load();
                for (const auto& [name, value] : item) {
                    auto [it, inserted] = types.emplace(name, columnType(value.type()));
                    if (!inserted && it->second != columnType(value.type())) it->second = "DDB";
                }
                return {};
            }));
        columns.assign(types.begin(), types.end());
        out << CsvItemCodec::headerLine(columns) << "\r\n";
    }
    std::string line;
    SHARDSCAPE_TRY(
        forEachItem(engine, table, options.indexName, [&](const Item& item, bool& stop) -> Status {
            if (options.cancel && options.cancel->load()) {
                report.cancelled = stop = true;
                return {};
            }
            line.clear();
            switch (options.format) {
                case ItemFormat::DynamoDbJson:
                    line = itemToJson(item).dump();
                    break;
                case ItemFormat::S3Export:
                    line = Json{{"Item", itemToJson(item)}}.dump();
                    break;
                case ItemFormat::PlainJson:
                    appendPlainJson(line, item);
                    break;
                case ItemFormat::Csv:
                    for (size_t i = 0; i < columns.size(); ++i) {
                        if (i) line.push_back(',');
                        auto value = item.find(columns[i].first);
                        if (value != item.end())
                            CsvItemCodec::appendCell(line, value->second, columns[i].second);
                    }
                    break;
            }
            out << line << (options.format == ItemFormat::Csv ? "\r\n" : "\n");
            if (!out) return ioError("Writing the export failed");
            ++report.items;
            if (options.progress && report.items % 1000 == 0 && !options.progress(report.items))
                report.cancelled = stop = true;
            return {};
        }));
    out.flush();
    if (!out) return ioError("Writing the export failed");
    // The last report of progress: the export is complete, so a request to stop is moot.
    if (options.progress) (void)options.progress(report.items);
    return report;
}

}  // namespace shardscape
