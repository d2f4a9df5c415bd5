/** SageMaker: a model whose artifacts live in the artifacts bucket, and a notebook instance. */
import { CreateModelCommand, CreateNotebookInstanceCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { roleArn, type SeedContext } from './clients.js';
import { BUCKETS } from './s3.js';

/** Creates the model and the notebook. */
export async function seedSageMaker(context: SeedContext): Promise<void> {
  const sagemaker = new SageMakerClient(context.config);
  await sagemaker.send(
    new CreateModelCommand({
      ModelName: 'llm-v3',
      ExecutionRoleArn: roleArn(context, 'sagemaker-execution'),
      PrimaryContainer: { Image: `${context.account}.dkr.ecr.us-east-1.amazonaws.com/llm:3`, ModelDataUrl: `s3://${BUCKETS.artifacts}/llm-v3/model.tar.gz` },
    }),
  );
  await sagemaker.send(new CreateNotebookInstanceCommand({ NotebookInstanceName: 'research', InstanceType: 'ml.t3.medium', RoleArn: roleArn(context, 'sagemaker-execution') }));
  sagemaker.destroy();
}
