#include "capacity/simulation_report.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace shardscape {

namespace {

Error fileError(const char* what, const std::string& directory, const std::string& detail) {
    std::string message = what;
    message.append(directory);
    message.append(detail);
    return ioError(std::move(message));
}

double rounded(double value) {
    return std::round(value * 100) / 100;
}

Json series(const std::vector<float>& values) {
    Json out = Json::array();
    for (float value : values) out.push_back(rounded(value));
    return out;
}

std::string hex(uint64_t value) {
    char buffer[19];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(value));
    return buffer;
}

}  // namespace

Json resourceReportJson(const ResourceReport& resource) {
    Json partitions = Json::array();
    for (const PartitionSeries& p : resource.partitions) {
        Json partition = {{"id", p.id},
                          {"firstHash", hex(p.firstHash)},
                          {"lastHash", hex(p.lastHash)},
                          {"firstSecond", p.firstSecond},
                          {"splitAtSecond", p.endSecond < 0 ? Json(nullptr) : Json(p.endSecond)},
                          {"consumedReadUnits", series(p.consumedRead)},
                          {"consumedWriteUnits", series(p.consumedWrite)},
                          {"throttledRequests", series(p.throttledRequests)}};
        if (!p.throttledKeyRange.empty())
            partition["throttledKeyRangeRequests"] = series(p.throttledKeyRange);
        if (p.sortFrom != 0 || p.sortTo != 1) partition["sortKeySegment"] = {p.sortFrom, p.sortTo};
        partitions.push_back(std::move(partition));
    }
    Json splits = Json::array();
    for (const SplitEvent& split : resource.splits)
        splits.push_back({{"second", split.second},
                          {"partition", split.parentId},
                          {"into", {split.lowerId, split.upperId}},
                          {"reason", split.reason}});
    Json modeChanges = Json::array();
    for (const auto& [second, mode] : resource.modeChanges)
        modeChanges.push_back(
            {{"second", second},
             {"billingMode",
              mode == BillingMode::PayPerRequest ? "PAY_PER_REQUEST" : "PROVISIONED"}});
    Json scaling = Json::array();
    for (const ScalingEvent& event : resource.scaling)
        scaling.push_back({{"second", event.second},
                           {"dimension", event.dimension},
                           {"from", event.from},
                           {"to", event.to}});
    Json out = {{"name", resource.name},
                {"kind", resource.isIndex ? "globalSecondaryIndex" : "table"},
                {"billingMode",
                 resource.mode == BillingMode::PayPerRequest ? "PAY_PER_REQUEST" : "PROVISIONED"},
                {"consumedReadUnits", rounded(resource.totalRead)},
                {"consumedWriteUnits", rounded(resource.totalWrite)},
                {"throttledRequests", rounded(resource.throttled)},
                {"partitionCount", resource.finalPartitionCount},
                {"splits", splits},
                {"scaling", scaling},
                {"billingModeChanges", modeChanges},
                {"askedReadUnits", rounded(resource.askedRead)},
                {"askedWriteUnits", rounded(resource.askedWrite)},
                {"seconds",
                 {{"consumedReadUnits", series(resource.consumedRead)},
                  {"consumedWriteUnits", series(resource.consumedWrite)},
                  {"capacityReadUnits", series(resource.capacityRead)},
                  {"capacityWriteUnits", series(resource.capacityWrite)},
                  {"throttledRequests", series(resource.throttledRequests)}}},
                {"partitions", partitions}};
    if (!resource.throttledKeyRange.empty())
        out["seconds"]["throttledKeyRangeRequests"] = series(resource.throttledKeyRange);
    return out;
}

Json SimulationReport::toJson() const {
    Json errors = Json::object();
    for (const auto& [name, count] : throttledByError) errors[name] = rounded(count);
    Json reasons = Json::object();
    for (const auto& [name, count] : throttledByReason) reasons[name] = rounded(count);
    Json streamList = Json::array();
    for (const StreamReport& stream : streams)
        streamList.push_back({{"name", stream.name},
                              {"operation", stream.operation},
                              {"requests", rounded(stream.requests)},
                              {"throttledRequests", rounded(stream.throttledRequests)},
                              {"servedOnlyByBurstRequests", rounded(stream.burstOnlyRequests)},
                              {"consumedUnits", rounded(stream.consumedUnits)},
                              {"expiredPendingDeletion", rounded(stream.expiredPendingDeletion)}});
    Json keys = Json::array();
    for (const HotKey& key : hotKeys)
        keys.push_back({{"key", key.key},
                        {"stream", key.stream},
                        {"partition", key.partitionId},
                        {"requests", rounded(key.requests)},
                        {"throttledRequests", rounded(key.throttledRequests)}});
    Json resourceList = Json::array();
    for (const ResourceReport& resource : resources)
        resourceList.push_back(resourceReportJson(resource));
    Json ruleList = Json::array();
    for (const AppliedRule& rule : rules)
        ruleList.push_back({{"rule", rule.rule}, {"value", rule.value}, {"source", rule.source}});
    return {{"scenario", scenario},
            {"mode", mode},
            {"seed", seed},
            {"durationSeconds", durationSeconds},
            {"summary",
             {{"requests", rounded(requests)},
              {"throttledRequests", rounded(throttledRequests)},
              {"throttledByError", errors},
              {"throttledByReason", reasons},
              {"servedOnlyByBurstRequests", rounded(burstOnlyRequests)},
              {"throttledWithoutBurst", rounded(throttledRequests + burstOnlyRequests)},
              {"burstVerdict", burstVerdict()}}},
            {"streams", streamList},
            {"hotKeys", keys},
            {"costUsd",
             {{"onDemand", std::round(cost.onDemand * 10000) / 10000},
              {"provisioned", cost.provisioned ? Json(std::round(*cost.provisioned * 10000) / 10000)
                                               : Json(nullptr)},
              {"asConfigured", std::round(cost.asConfigured * 10000) / 10000}}},
            {"resources", resourceList},
            {"rules", ruleList}};
}

std::string SimulationReport::burstVerdict() const {
    if (burstOnlyRequests < 0.5) return {};
    auto whole = [](double value) {
        // Thousands separated by commas: 1234567 -> "1,234,567".
        const std::string digits = std::to_string(static_cast<int64_t>(std::llround(value)));
        std::string grouped;
        for (size_t i = 0; i < digits.size(); ++i) {
            if (i > 0 && (digits.size() - i) % 3 == 0) grouped.push_back(',');
            grouped.push_back(digits[i]);
        }
        return grouped;
    };
    std::string out = whole(burstOnlyRequests);
    out.append(
        " requests were served only thanks to burst capacity, which is best effort: "
        "without it ");
    out.append(whole(throttledRequests + burstOnlyRequests));
    out.append(" requests would have been throttled, not ");
    out.append(whole(throttledRequests));
    out.append(".");
    return out;
}

Status SimulationReport::writeCsv(const std::string& directory) const {
    std::error_code error;
    std::filesystem::create_directories(directory, error);
    if (error) return fileSystemError("cannot create " + directory, error.value());
    const std::filesystem::path dir(directory);
    std::ofstream seconds(dir / "seconds.csv");
    std::ofstream partitions(dir / "partitions.csv");
    if (!seconds || !partitions) return fileError("cannot write CSV files in ", directory, "");
    seconds << "resource,second,consumed_rcu,consumed_wcu,capacity_rcu,capacity_wcu,"
               "throttled_requests\n";
    partitions << "resource,partition,second,consumed_rcu,consumed_wcu,throttled_requests\n";
    for (const ResourceReport& r : resources) {
        for (size_t s = 0; s < r.consumedRead.size(); ++s)
            seconds << r.name << ',' << s << ',' << rounded(r.consumedRead[s]) << ','
                    << rounded(r.consumedWrite[s]) << ',' << rounded(r.capacityRead[s]) << ','
                    << rounded(r.capacityWrite[s]) << ',' << rounded(r.throttledRequests[s])
                    << '\n';
        for (const PartitionSeries& p : r.partitions)
            for (size_t i = 0; i < p.consumedRead.size(); ++i)
                partitions << r.name << ',' << p.id << ',' << p.firstSecond + i << ','
                           << rounded(p.consumedRead[i]) << ',' << rounded(p.consumedWrite[i])
                           << ',' << rounded(p.throttledRequests[i]) << '\n';
    }
    seconds.flush();
    partitions.flush();
    if (!seconds || !partitions) return fileError("failed writing CSV files in ", directory, "");
    return Status::success();
}

}  // namespace shardscape
