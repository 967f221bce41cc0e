/*
|--------------------------------------------------------------------------
| Domain actions and guards of the workflows
|--------------------------------------------------------------------------
|
| The engine (app/workflow) knows nothing of partners or caisses; the
| domain plugs its named actions into the registry here, one module per
| capability under app/workflow_actions/.
|
*/
import '#workflow_actions/doors'
import '#workflow_actions/user_lifecycle'
import '#workflow_actions/preinscription'
import '#workflow_actions/convention'
import '#workflow_actions/personal_link'
