// Created once per container. The endpoint comes only from the SDK's standard variables
// (AWS_ENDPOINT_URL_DYNAMODB locally), so the code has no local/AWS branch.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { nameNetworkFailures } from './dependency-errors.ts';

const dynamoDbClient = nameNetworkFailures(new DynamoDBClient({}), 'DynamoDB');
const documentClient = DynamoDBDocumentClient.from(dynamoDbClient, {
  marshallOptions: { removeUndefinedValues: true },
});

export { documentClient, dynamoDbClient };
