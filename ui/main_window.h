#pragma once
// The workbench's main window: the tables of the current backend with their figures, and the
// designer, data, query, classroom, simulation, compare and live views. Every view reads the
// one TableListModel (tableList()): the local backend at first, a remote one while the
// Connection menu has one chosen.

#include <QMainWindow>
#include <functional>
#include <memory>

class QTreeWidget;
class QLabel;
class QDockWidget;
class QTabWidget;
class QAction;
class QDragEnterEvent;
class QDropEvent;

namespace shardscape {
class Backend;
class TableListModel;
class WelcomePanel;
class DataView;
class QueryPanel;
class ClassroomView;
class PresenterMode;
class SimulationPanel;
class CompareView;
class LiveCapacityView;
class StreamView;
class DesignerWorkbench;
class SampleDataDialog;
class CommitDialog;
class SuggestFixDialog;
class ConnectionController;
class ServerController;

class MainWindow : public QMainWindow {
    Q_OBJECT
  public:
    // `local` is the local backend (the embedded engine, backend/local_backend.h); it may be
    // null when the data directory could not be opened: `openError` then says why and the
    // window shows it instead of the tables.
    MainWindow(std::shared_ptr<Backend> local, const QString& dataDirectory,
               const QString& openError = {}, QWidget* parent = nullptr);

    // Re-reads the table list and figures from the current backend.
    void refresh();
    QTreeWidget* tableTree() const { return tableTree_; }
    // The tables of the current backend, shared by every view.
    TableListModel* tableList() const { return tables_; }

    // Docks the welcome page listing the bundled models and scenarios of
    // `bundledDirectory` (see app/bundled_data.h).
    void showWelcome(const QString& bundledDirectory);
    WelcomePanel* welcomePanel() const { return welcome_; }

    // The central views, by name: "tables", "data", "query", "designer", "simulation",
    // "heatmap", "capacity", "compare", "classroom" or "live". False for an unknown name.
    bool showView(const QString& name);
    // Shows view `name` ready to be looked at, then calls `ready` with "" or an error: the
    // simulation views first run the model's first scenario (`modelPath`, may be empty) or a
    // bundled one, compare runs its two scenarios.
    void prepareView(const QString& name, const QString& modelPath,
                     std::function<void(const QString& error)> ready);
    // Where the bundled models and scenarios are (app/bundled_data.h).
    void setBundledDirectory(const QString& directory);
    // Opens a model file in the current backend (its tables, sample items and generated
    // data; only the local engine can) off the GUI thread; `modelOpened` or `modelFailed`
    // fires when done.
    void openModel(const QString& path);
    DataView* dataView() const { return data_; }
    QueryPanel* queryPanel() const { return query_; }
    SimulationPanel* simulationPanel() const { return simulation_; }
    CompareView* compareView() const { return compare_; }
    // Live mode: real requests on a metered table, heat map and capacity chart ("live").
    LiveCapacityView* liveView() const { return live_; }
    StreamView* streamView() const { return streams_; }

    // Classroom mode: the step-through and scenario gallery view ("classroom"), and the
    // presenter look (View > Classroom mode, F11: large fonts, high contrast).
    ClassroomView* classroomView() const { return classroom_; }
    PresenterMode* presenterMode() const { return presenter_; }
    QAction* classroomModeAction() const { return classroomAction_; }
    // For `--screenshot --view classroom`: presenter mode on, the classroom view shown with
    // its demonstration request stepped through to the last step.
    bool showClassroomDemo();
    // The designer: its document, tab, model tree dock and model file actions.
    DesignerWorkbench* designer() const { return designer_; }

    // The figures the status bar shows ("2 tables · 1,000 items · 120 KB").
    QLabel* statusFigures() const { return statusFigures_; }
    // The status bar's note of background work that failed (an index backfill, the Time to
    // Live sweep); hidden when there is none. The window checks every two seconds.
    QLabel* backgroundStatus() const { return backgroundStatus_; }
    void checkBackgroundWork();
    // Opens the sample-data dialog for the last model opened (or none).
    SampleDataDialog* generateSampleData();
    // Model › Commit to connection…: opens the commit dialog for the designer's model, with
    // the local engine and the saved connection profiles to choose from.
    CommitDialog* commitModelToConnection();
    QAction* commitModelAction() const { return commitModelAction_; }
    // Model › Suggest a fix…: the fixes for the designer's amber and red access patterns,
    // starting with the one selected in its list.
    SuggestFixDialog* suggestFix();
    QAction* suggestFixAction() const { return suggestFixAction_; }
    // Remote connections (Connection menu, connection selector) and the local endpoint
    // (Server menu).
    ConnectionController* connections() const { return connections_; }
    ServerController* server() const { return server_; }

  signals:
    void modelOpened(const QString& summary);
    void modelFailed(const QString& message);

  protected:
    // Item files dropped on the window are imported (see DataView).
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

  private:
    void addDataTools();
    // Fills the table tree and the status bar's figures from the table list.
    void showTables();

    std::shared_ptr<Backend> local_;
    TableListModel* tables_ = nullptr;
    QTabWidget* views_ = nullptr;
    QTreeWidget* tableTree_ = nullptr;
    DataView* data_ = nullptr;
    QueryPanel* query_ = nullptr;
    ClassroomView* classroom_ = nullptr;
    PresenterMode* presenter_ = nullptr;
    QAction* classroomAction_ = nullptr;
    SimulationPanel* simulation_ = nullptr;
    CompareView* compare_ = nullptr;
    LiveCapacityView* live_ = nullptr;
    StreamView* streams_ = nullptr;
    QLabel* statusFigures_ = nullptr;
    QLabel* backgroundStatus_ = nullptr;
    quint64 backgroundFailuresSeen_ = 0;
    bool storageFailureShown_ = false;  // the dialog comes once per open data directory
    QDockWidget* welcomeDock_ = nullptr;
    WelcomePanel* welcome_ = nullptr;
    DesignerWorkbench* designer_ = nullptr;
    QString lastModelPath_;
    ConnectionController* connections_ = nullptr;
    QAction* commitModelAction_ = nullptr;
    QAction* suggestFixAction_ = nullptr;
    ServerController* server_ = nullptr;
};

}  // namespace shardscape
